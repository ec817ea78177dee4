using Snapsight.Advisories.Model;
using Snapsight.Advisories.Versions;
using Snapsight.Inventory;

namespace Snapsight.Advisories.Matching;

/// <summary>
/// How one installed package is looked up: the scope, the name the feeds key it by, and the
/// version compared. Debian and Ubuntu feeds are keyed by source package and give source
/// versions, so a binary is matched by its Source: name and version (binNMU "+bN" suffixes sort
/// above the fix, as they should). Alpine feeds are keyed by origin. rpm feeds are keyed by the
/// binary name and compare the full EPOCH:VERSION-RELEASE. Language packages use their
/// ecosystem with an empty release and the normalised name; a Go main module built from a
/// work tree ("(devel)") has no version to compare and is not looked up, and neither is a
/// language package the OS package manager installed (<c>OwnedBy</c>): Debian's python3-yaml is
/// matched as the Debian package it is, not a second time as PyPI's PyYAML.
/// </summary>
public sealed record PackageQuery(AdvisoryScope Scope, string Name, string Version, IVersionComparer Comparer, string? Module)
{
    public static PackageQuery? For(InventoryPackage inventoryPackage, AdvisoryScope? osScope)
    {
        var package = inventoryPackage.Package;
        if (package.OwnedBy is not null)
        {
            // Installed by the OS package manager: its fixes come through that package, which is matched itself.
            return null;
        }

        var (scope, name, version) = package.Type switch
        {
            "dpkg" when osScope is { } s => (s, package.SourceName ?? package.Name, package.SourceVersion ?? package.Version),
            "apk" when osScope is { } s => (s, package.SourceName ?? package.Name, package.Version),
            "rpm" when osScope is { } s => (s, package.Name, package.Epoch is > 0 ? $"{package.Epoch}:{package.Version}" : package.Version),
            "python" => (new AdvisoryScope(Ecosystems.PyPI, ""), package.Name, package.Version),
            "npm" => (new AdvisoryScope(Ecosystems.Npm, ""), package.Name, package.Version),
            "java" => (new AdvisoryScope(Ecosystems.Maven, ""), package.Name, package.Version),
            "go" => (new AdvisoryScope(Ecosystems.Go, ""), package.Name, package.Name == "stdlib" ? ToolchainVersion(package.Version) : package.Version),
            "gem" => (new AdvisoryScope(Ecosystems.RubyGems, ""), package.Name, package.Version),
            "nuget" => (new AdvisoryScope(Ecosystems.NuGet, ""), package.Name, package.Version),
            "cargo" => (new AdvisoryScope(Ecosystems.CratesIo, ""), package.Name, package.Version),
            _ => (default(AdvisoryScope), "", ""),
        };
        if (name.Length == 0 || version == "(devel)" || Ecosystems.VersionScheme(scope.Ecosystem) is not { } scheme || VersionComparers.For(scheme) is not { } comparer)
        {
            return null;
        }

        return new PackageQuery(scope, PackageNames.Normalize(scope.Ecosystem, name), version, comparer, ModuleStream(package.ModularityLabel));
    }

    /// <summary>
    /// The Go toolchain as OSV's "stdlib" package is versioned: "go1.21.5" → "1.21.5", and the
    /// first release of a line, which Go named without a patch number before 1.21 ("go1.19"), → "1.19.0".
    /// </summary>
    private static string ToolchainVersion(string version)
    {
        var bare = version.StartsWith("go", StringComparison.Ordinal) ? version[2..] : version;
        return bare.Count(c => c == '.') == 1 && bare.All(c => char.IsAsciiDigit(c) || c == '.') ? bare + ".0" : bare;
    }

    /// <summary>rpm's MODULARITYLABEL "nodejs:18:8090020231019152822:a75119d5" → "nodejs:18".</summary>
    private static string? ModuleStream(string? label)
    {
        if (string.IsNullOrEmpty(label))
        {
            return null;
        }

        var parts = label.Split(':');
        return parts.Length >= 2 ? $"{parts[0]}:{parts[1]}" : null;
    }
}
