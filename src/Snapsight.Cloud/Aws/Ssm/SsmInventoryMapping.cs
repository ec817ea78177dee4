using Snapsight.Inventory;
using Snapsight.Inventory.Os;
using Snapsight.Inventory.Packages;
using Snapsight.Inventory.Purl;

namespace Snapsight.Cloud.Aws.Ssm;

/// <summary>
/// An SSM inventory as the package inventory a snapshot scan produces, so the same matcher reads
/// it. The agent's fields are taken for what its gatherer puts in them
/// (<see cref="SsmApplication"/>): a dpkg entry keeps dpkg's version as is and its architecture
/// from the PackageId (the agent rewrites amd64 as x86_64 in Architecture); an rpm entry's version
/// is VERSION-RELEASE with the epoch apart, its source from the source rpm's file name. What the
/// inventory cannot say becomes a gap: dpkg-query's format has no Source field, so Debian and
/// Ubuntu packages are looked up by their binary name, which misses advisories filed under a
/// differently named source package.
/// </summary>
public static class SsmInventoryMapping
{
    /// <summary>Where the packages came from, in place of a database path inside an image.</summary>
    public const string Location = "ssm:AWS:Application";

    public static InventoryResult ToInventory(SsmInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var gaps = new List<InventoryGap>();
        var platform = inventory.Platform;
        if (!SsmText.IsClean(platform.Version) || SsmPlatforms.Of(platform.Name) is not { } known)
        {
            gaps.Add(new InventoryGap("ssm", $"platform '{SsmText.Printable(platform.Name)} {SsmText.Printable(platform.Version)}' ({SsmText.Printable(platform.Type)}) is not one whose SSM inventory is matched; scan a snapshot instead"));
            return new InventoryResult(null, [], gaps);
        }

        var os = new OperatingSystemInfo(known.Family, platform.Name, platform.Version, platform.Version.Length > 0 ? platform.Version : null,
            null, "ssm:AWS:InstanceInformation");
        var packages = new List<InventoryPackage>();
        var seen = new HashSet<(string Name, string Version, int? Epoch, string? Arch)>();
        var skipped = new List<string>();
        var unclean = new List<string>();
        var duplicates = 0;
        foreach (var application in inventory.Applications)
        {
            if (!IsClean(application))
            {
                unclean.Add(application.Name);
                continue;
            }

            var package = known.PackageType == "dpkg" ? Dpkg(application) : Rpm(application);
            if (package is null)
            {
                skipped.Add(application.Name);
                continue;
            }

            // An entry repeated word for word is one package (rpm may list several versions of one name, e.g. kernels: those differ).
            if (!seen.Add((package.Name, package.Version, package.Epoch, package.Arch)))
            {
                duplicates++;
                continue;
            }

            packages.Add(new InventoryPackage(package, PackageUrl.For(package, os)));
        }

        if (skipped.Count > 0)
        {
            gaps.Add(new InventoryGap("ssm", $"{skipped.Count} AWS:Application entries are not {known.PackageType} packages (snaps, or entries without a package id) and were not matched: {Some(skipped)}"));
        }

        if (unclean.Count > 0)
        {
            gaps.Add(new InventoryGap("ssm", $"{unclean.Count} AWS:Application entries hold control characters or broken Unicode and were not matched: {Some(unclean)}"));
        }

        if (duplicates > 0)
        {
            gaps.Add(new InventoryGap("ssm", $"{duplicates} AWS:Application entries repeat another entry and were counted once"));
        }

        if (known.PackageType == "dpkg" && packages.Count > 0)
        {
            gaps.Add(new InventoryGap("ssm", "SSM's dpkg inventory names no source packages: packages were looked up by binary name, so advisories filed under a differently named source package are missed; a snapshot scan sees them"));
        }

        return new InventoryResult(os, [.. packages.OrderBy(p => p.Package.Name, StringComparer.Ordinal).ThenBy(p => p.Package.Arch, StringComparer.Ordinal)], gaps);
    }

    /// <summary>The first five of <paramref name="names"/> in order, then "…" if there are more.</summary>
    private static string Some(List<string> names) =>
        string.Join(", ", names.Order(StringComparer.Ordinal).Take(5).Select(SsmText.Printable)) + (names.Count > 5 ? ", …" : "");

    private static bool IsClean(SsmApplication application) =>
        new[] { application.Name, application.Version, application.Release, application.Epoch, application.Architecture, application.PackageId, application.Publisher }
            .All(field => field is null || SsmText.IsClean(field));

    /// <summary>A dpkg entry: its PackageId must be the agent's <c>Name_Version_Arch.deb</c>, which also gives dpkg's own architecture.</summary>
    private static InstalledPackage? Dpkg(SsmApplication application)
    {
        var prefix = $"{application.Name}_{application.Version}_";
        if (application.PackageId is not { } id || !id.StartsWith(prefix, StringComparison.Ordinal) || !id.EndsWith(".deb", StringComparison.Ordinal)
            || id.Length <= prefix.Length + ".deb".Length)
        {
            return null;
        }

        return new InstalledPackage
        {
            Type = "dpkg",
            // dpkg folds names to lower case, as the snapshot scan's parser does.
            Name = application.Name.ToLowerInvariant(),
            Version = application.Version,
            Arch = id[prefix.Length..^".deb".Length],
            Location = Location,
        };
    }

    /// <summary>An rpm entry: VERSION-RELEASE, the epoch as a number (none is 0), the source name from the source rpm.</summary>
    private static InstalledPackage? Rpm(SsmApplication application)
    {
        if (application.Release is null || !TryEpoch(application.Epoch, out var epoch))
        {
            return null;
        }

        return new InstalledPackage
        {
            Type = "rpm",
            Name = application.Name,
            Version = $"{application.Version}-{application.Release}",
            Epoch = epoch,
            Arch = application.Architecture,
            SourceName = SourceRpmName(application.PackageId),
            Vendor = application.Publisher,
            Location = Location,
        };
    }

    private static bool TryEpoch(string? text, out int epoch)
    {
        epoch = 0;
        return string.IsNullOrEmpty(text) || text == "(none)" || (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out epoch) && epoch >= 0);
    }

    /// <summary>"openssl-3.0.8-1.amzn2023.0.3.src.rpm" → "openssl": the name before the last two dash-separated fields.</summary>
    private static string? SourceRpmName(string? sourceRpm)
    {
        if (sourceRpm is null || !sourceRpm.EndsWith(".src.rpm", StringComparison.Ordinal))
        {
            return null;
        }

        var stem = sourceRpm[..^".src.rpm".Length];
        var release = stem.LastIndexOf('-');
        var version = release > 0 ? stem.LastIndexOf('-', release - 1) : -1;
        return version > 0 ? stem[..version] : null;
    }
}
