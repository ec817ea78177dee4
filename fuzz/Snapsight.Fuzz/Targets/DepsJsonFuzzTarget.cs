using Snapsight.Inventory.Languages.DotNet;

namespace Snapsight.Fuzz.Targets;

/// <summary>A .NET application's *.deps.json.</summary>
public sealed class DepsJsonFuzzTarget : IFuzzTarget
{
    public string Name => "deps-json";

    public void Run(ReadOnlySpan<byte> input) => _ = DepsJsonParser.Parse(input, "/app/fuzz.deps.json");
}
