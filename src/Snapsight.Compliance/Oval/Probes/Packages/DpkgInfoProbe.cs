using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Inventory.Packages;

namespace Snapsight.Compliance.Oval.Probes.Packages;

/// <summary>
/// dpkginfo_object (linux): each installed Debian package the name selects, its version split
/// as OpenSCAP splits it: epoch ("0" when the version has none), upstream version, Debian
/// revision (empty for a native package), and evr as "epoch:version-revision" with the "0:"
/// written out. A package whose files are gone but whose configuration stays (config-files) is
/// not installed, as apt, which OpenSCAP asks, sees it.
/// </summary>
internal sealed class DpkgInfoProbe : IOvalProbe
{
    public OvalTypeName ObjectType { get; } = new("dpkginfo_object", "linux");

    public Task<CollectedObject> CollectAsync(ProbeRequest request, ProbeContext context, CancellationToken cancellationToken) =>
        ProbeGuard.RunAsync(request, async () =>
        {
            var name = request.Required("name");

            var packages = await PackageDatabases.DpkgAsync(context, cancellationToken).ConfigureAwait(false);
            return CollectedObject.Found([.. packages.Where(p => IsInstalled(p) && name.Matches(p.Name)).Select(ItemOf)]);
        });

    private static bool IsInstalled(InstalledPackage package) => package.Status?.EndsWith(" config-files", StringComparison.Ordinal) != true;

    private static OvalItem ItemOf(InstalledPackage package)
    {
        var colon = package.Version.IndexOf(':', StringComparison.Ordinal);
        var epoch = colon > 0 ? package.Version[..colon] : "0";
        var rest = package.Version[(colon + 1)..];
        var hyphen = rest.LastIndexOf('-');
        var (version, release) = hyphen > 0 ? (rest[..hyphen], rest[(hyphen + 1)..]) : (rest, "");
        return new ItemEntities()
            .Add("name", package.Name)
            .AddIfKnown("arch", package.Arch)
            .Add("epoch", epoch)
            .Add("release", release)
            .Add("version", version)
            .Add("evr", $"{epoch}:{rest}")
            .ToItem($"dpkg {package.Name} {package.Version}");
    }
}
