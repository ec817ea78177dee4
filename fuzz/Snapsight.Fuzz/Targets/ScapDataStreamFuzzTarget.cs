using Snapsight.Compliance.DataStreams;

namespace Snapsight.Fuzz.Targets;

/// <summary>A SCAP source data stream given to <c>snapsight compliance --datastream</c>.</summary>
public sealed class ScapDataStreamFuzzTarget : IFuzzTarget
{
    public string Name => "scap-datastream";

    public void Run(ReadOnlySpan<byte> input) => _ = ScapDataStreamReader.Read(new MemoryStream(input.ToArray()));
}
