using Snapsight.Advisories.Feeds.Osv;

namespace Snapsight.Fuzz.Targets;

/// <summary>One OSV record (feed JSON).</summary>
public sealed class OsvRecordFuzzTarget : IFuzzTarget
{
    public string Name => "osv-record";

    public void Run(ReadOnlySpan<byte> input) => _ = OsvRecordParser.Parse(input.ToArray());
}
