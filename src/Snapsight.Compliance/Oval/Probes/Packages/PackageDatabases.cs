using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Inventory.Analyzers;
using Snapsight.Inventory.Packages;

namespace Snapsight.Compliance.Oval.Probes.Packages;

/// <summary>
/// The installed packages as the inventory reads them (dpkg status and status.d; the rpm
/// database in any backend), read once per evaluation. A database that could not be read at
/// all fails every object that asks it; one bad record is left out, as the inventory leaves it.
/// </summary>
internal static class PackageDatabases
{
    public static Task<IReadOnlyList<InstalledPackage>> DpkgAsync(ProbeContext context, CancellationToken cancellationToken) =>
        ReadAsync(context, "dpkg", new DpkgAnalyzer(), cancellationToken);

    public static Task<IReadOnlyList<InstalledPackage>> RpmAsync(ProbeContext context, CancellationToken cancellationToken) =>
        ReadAsync(context, "rpm", new RpmAnalyzer(), cancellationToken);

    private static async Task<IReadOnlyList<InstalledPackage>> ReadAsync(
        ProbeContext context, string name, IPackageAnalyzer analyzer, CancellationToken cancellationToken)
    {
        var output = await context.MemoAsync($"packages:{name}", () => analyzer.AnalyzeAsync(context.Tree, cancellationToken)).ConfigureAwait(false);
        if (output.Packages.Count == 0 && output.Gaps.Count > 0)
        {
            throw new OvalProbeException($"the {name} database could not be read: {output.Gaps[0].Where}: {output.Gaps[0].Reason}");
        }

        return output.Packages;
    }
}
