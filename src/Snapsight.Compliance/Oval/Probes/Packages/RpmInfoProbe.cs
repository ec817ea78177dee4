using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Inventory.Packages;

namespace Snapsight.Compliance.Oval.Probes.Packages;

/// <summary>
/// rpminfo_object (linux): each installed rpm package the name selects, with epoch, version,
/// release, arch, evr ("epoch:version-release") and extended_name. The inventory's reader gives
/// an absent epoch as 0, so a package without one reads "0" where rpm prints "(none)"; the
/// signature key id is not read.
/// </summary>
internal sealed class RpmInfoProbe : IOvalProbe
{
    public OvalTypeName ObjectType { get; } = new("rpminfo_object", "linux");

    public Task<CollectedObject> CollectAsync(ProbeRequest request, ProbeContext context, CancellationToken cancellationToken) =>
        ProbeGuard.RunAsync(request, async () =>
        {
            var name = request.Required("name");

            var packages = await PackageDatabases.RpmAsync(context, cancellationToken).ConfigureAwait(false);
            return CollectedObject.Found([.. packages.Where(p => name.Matches(p.Name)).Select(ItemOf)]);
        });

    private static OvalItem ItemOf(InstalledPackage package)
    {
        var hyphen = package.Version.LastIndexOf('-');
        var (version, release) = hyphen > 0 ? (package.Version[..hyphen], package.Version[(hyphen + 1)..]) : (package.Version, "");
        var epoch = (package.Epoch ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var arch = package.Arch ?? "";
        return new ItemEntities()
            .Add("name", package.Name)
            .Add("arch", arch)
            .Add("epoch", epoch)
            .Add("release", release)
            .Add("version", version)
            .Add("evr", $"{epoch}:{package.Version}")
            .Add("extended_name", $"{package.Name}-{epoch}:{package.Version}.{arch}")
            .ToItem($"rpm {package.Name} {epoch}:{package.Version}.{arch}");
    }
}
