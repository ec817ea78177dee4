using Snapsight.Inventory.Languages.Npm;

namespace Snapsight.Fuzz.Targets;

/// <summary>An installed npm package's package.json.</summary>
public sealed class NpmPackageJsonFuzzTarget : IFuzzTarget
{
    public string Name => "npm-package-json";

    public void Run(ReadOnlySpan<byte> input) => _ = NpmPackageJsonParser.Parse(input.ToArray());
}
