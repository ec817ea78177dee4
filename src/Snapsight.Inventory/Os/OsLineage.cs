namespace Snapsight.Inventory.Os;

/// <summary>
/// The distribution a family derives from, as far as release files go: each distro-specific
/// file belongs to one lineage, and an os-release of the same lineage is not contradicted by it.
/// </summary>
internal enum OsLineage
{
    Unknown,
    Debian,
    RedHat,
    Suse,
    Alpine,
    Photon,
    Mariner,
}

internal static class OsLineages
{
    /// <summary>
    /// The lineage of an os-release <c>ID</c> and its <c>ID_LIKE</c> list: the ID is looked up
    /// first, then each ID_LIKE entry in order, so derivatives (Linux Mint, Rocky) join their parent.
    /// </summary>
    public static OsLineage Of(string family, string? idLike)
    {
        var lineage = OfId(family);
        if (lineage != OsLineage.Unknown || idLike is null)
        {
            return lineage;
        }

        foreach (var like in idLike.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            lineage = OfId(like);
            if (lineage != OsLineage.Unknown)
            {
                return lineage;
            }
        }

        return OsLineage.Unknown;
    }

    private static OsLineage OfId(string id) => id switch
    {
        "debian" or "ubuntu" => OsLineage.Debian,
        "rhel" or "centos" or "fedora" or "rocky" or "almalinux" or "ol" or "amzn" => OsLineage.RedHat,
        "sles" or "sled" or "suse" or "opensuse" or "sle-micro" or "sl-micro" => OsLineage.Suse,
        _ when id.StartsWith("opensuse-", StringComparison.Ordinal) || id.StartsWith("sle-micro-", StringComparison.Ordinal) => OsLineage.Suse,
        "alpine" => OsLineage.Alpine,
        "photon" => OsLineage.Photon,
        "mariner" or "azurelinux" => OsLineage.Mariner,
        _ => OsLineage.Unknown,
    };
}
