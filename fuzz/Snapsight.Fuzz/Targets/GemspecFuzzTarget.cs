using Snapsight.Inventory.Languages.Gems;

namespace Snapsight.Fuzz.Targets;

/// <summary>An installed gem's specification, read without evaluating Ruby.</summary>
public sealed class GemspecFuzzTarget : IFuzzTarget
{
    public string Name => "gemspec";

    public void Run(ReadOnlySpan<byte> input) => _ = GemspecParser.Parse(input, "/var/lib/gems/3.1.0/specifications/fuzz.gemspec");
}
