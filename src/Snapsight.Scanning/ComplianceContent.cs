using Snapsight.Compliance.DataStreams;

namespace Snapsight.Scanning;

/// <summary>A SCAP source data stream collection, read, with the file it came from.</summary>
public sealed record ComplianceContent(DataStreamCollection Collection, string Path)
{
    /// <summary>Reads <paramref name="path"/>; bad content throws <see cref="ScapFormatException"/>.</summary>
    public static ComplianceContent Read(string path)
    {
        using var stream = File.OpenRead(path);
        return new ComplianceContent(ScapDataStreamReader.Read(stream), path);
    }
}
