using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Languages.DotNet;

/// <summary>
/// .NET applications and shared frameworks: each *.deps.json the SDK writes beside a built or
/// published application (and beside each framework under /usr/share/dotnet/shared) lists the
/// NuGet packages it runs with.
/// </summary>
internal sealed class DotNetDepsCataloguer : ManifestFileCataloguer
{
    public override string Id => "dotnet";

    /// <summary>Large applications' deps.json files are a few MiB at most.</summary>
    protected override long MaxBytes => 16L << 20;

    public override bool Wants(TreeEntry file) => file.Path.EndsWith(".deps.json", StringComparison.Ordinal);

    protected override PackageDatabaseParseResult Parse(ReadOnlyMemory<byte> manifest, string location) =>
        DepsJsonParser.Parse(manifest.Span, location);
}
