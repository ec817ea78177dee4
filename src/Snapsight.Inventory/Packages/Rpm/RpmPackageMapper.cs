namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>Turns a parsed header into the <see cref="InstalledPackage"/> <c>rpm -qa</c> would describe.</summary>
internal static class RpmPackageMapper
{
    public static InstalledPackage ToPackage(RpmHeader header, string location)
    {
        var name = header.GetString(RpmTag.Name);
        var version = header.GetString(RpmTag.Version);
        var release = header.GetString(RpmTag.Release);
        if (string.IsNullOrEmpty(name) || version is null || release is null)
        {
            throw RpmHeader.Bad(header.DataOffset, "the header has no NAME, VERSION or RELEASE");
        }

        var (sourceName, sourceVersion) = SplitSourceRpm(header.GetString(RpmTag.SourceRpm));
        return new InstalledPackage
        {
            Type = "rpm",
            Name = name,
            Version = $"{version}-{release}",
            Epoch = header.GetInt32(RpmTag.Epoch) ?? 0,
            Arch = header.GetString(RpmTag.Arch),
            SourceName = sourceName,
            SourceVersion = sourceVersion,
            Licence = header.GetString(RpmTag.License),
            Vendor = header.GetString(RpmTag.Vendor),
            ModularityLabel = header.GetString(RpmTag.ModularityLabel),
            Location = location,
        };
    }

    /// <summary>
    /// SOURCERPM is "name-version-release.src.rpm" (".nosrc.rpm" when sources were left out);
    /// name may hold dashes, version and release may not, so split at the last two.
    /// </summary>
    internal static (string? Name, string? Version) SplitSourceRpm(string? sourceRpm)
    {
        if (string.IsNullOrEmpty(sourceRpm))
        {
            return (null, null);
        }

        // Headers without a source package (gpg-pubkey's carry the literal "(none)") have no suffix.
        string stem;
        if (sourceRpm.EndsWith(".src.rpm", StringComparison.Ordinal))
        {
            stem = sourceRpm[..^".src.rpm".Length];
        }
        else if (sourceRpm.EndsWith(".nosrc.rpm", StringComparison.Ordinal))
        {
            stem = sourceRpm[..^".nosrc.rpm".Length];
        }
        else
        {
            return (null, null);
        }

        var releaseDash = stem.LastIndexOf('-');
        var versionDash = releaseDash > 0 ? stem.LastIndexOf('-', releaseDash - 1) : -1;
        return versionDash > 0 ? (stem[..versionDash], stem[(versionDash + 1)..]) : (stem, null);
    }
}
