using Snapsight.Disk;

namespace Snapsight.Compliance.DataStreams;

/// <summary>
/// A data stream that is not well-formed SCAP, or breaks one of the reader's bounds. Names the
/// element and the line of the document where the problem was found (line 0: not known).
/// </summary>
public sealed class ScapFormatException : DiskFormatException
{
    public ScapFormatException(string element, int line, string problem)
        : base("scap", element, line, problem)
    {
        Element = element;
        Line = line;
    }

    public string Element { get; }

    public int Line { get; }

    public override string Message => $"scap: bad <{Element}> at line {Line}: {Problem}";
}
