using Snapsight.Inventory;

namespace Snapsight.Advisories.Matching;

/// <summary>
/// What to install for one package: the lowest version that fixes all of its fixable findings
/// (the highest of their fixed versions), how many findings that clears and how many have no
/// fix yet, and the package manager's command. For Debian and Ubuntu the fixed version is the
/// source package's; the command upgrades the binary package, which carries it.
/// </summary>
public sealed record Remediation(InventoryPackage Package, string? FixedVersion, int Fixes, int Unfixed, string? Command)
{
    public static IReadOnlyList<Remediation> For(IReadOnlyList<Finding> findings, Func<InventoryPackage, PackageQuery?> query) => findings
        .GroupBy(f => f.Package)
        .Select(g =>
        {
            var comparer = query(g.Key)?.Comparer;
            var fixes = g.Select(f => f.FixedVersion).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var target = fixes.Count == 0 || comparer is null ? null : fixes.Aggregate((a, b) => comparer.TryCompare(a, b, out var o) && o < 0 ? b : a);
            return new Remediation(g.Key, target, g.Count(f => f.FixedVersion is not null), g.Count(f => f.FixedVersion is null), target is null ? null : InstallCommand(g.Key, target));
        })
        .OrderBy(r => r.Package.Package.Name, StringComparer.Ordinal)
        .ToList();

    private static string? InstallCommand(InventoryPackage inventoryPackage, string version)
    {
        var p = inventoryPackage.Package;
        return p.Type switch
        {
            "dpkg" => $"apt-get install --only-upgrade {p.Name}",
            "rpm" => $"yum update {p.Name}-{VersionWithoutEpoch(version)}",
            "apk" => $"apk add --upgrade {p.Name}",
            "python" => $"pip install '{p.Name}>={version}'",
            "npm" => $"npm install {p.Name}@{version}",
            "gem" => $"gem install {p.Name} -v '>= {version}'",
            "nuget" => $"dotnet add package {p.Name} --version {version}",
            "go" => $"go get {p.Name}@v{version.TrimStart('v')}",
            "cargo" => $"cargo update -p {p.Name} --precise {version}",
            "java" => $"upgrade {p.Name} to {version} in the build that bundles it",
            _ => null,
        };
    }

    /// <summary>yum (dnf on newer releases answers to it too) takes NAME-VERSION-RELEASE without the epoch.</summary>
    private static string VersionWithoutEpoch(string version) => version.IndexOf(':') is >= 0 and var colon ? version[(colon + 1)..] : version;
}
