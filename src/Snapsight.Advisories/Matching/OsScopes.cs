using Snapsight.Advisories.Model;
using Snapsight.Inventory.Os;

namespace Snapsight.Advisories.Matching;

/// <summary>
/// Which advisories an operating system's packages meet: its exact release, in the store's
/// spelling. Debian, the rpm families, Azure Linux and Mariner by major version; Ubuntu by
/// "YY.MM"; Alpine by "3.N"; Amazon Linux 1 (whose VERSION_ID is a date like 2018.03) as "1";
/// SUSE as "15.5". CentOS meets Red Hat's advisories, as Red Hat's fixes are CentOS's fixes.
/// Null when the release is unknown (Debian testing, a missing VERSION_ID): matching then
/// reports a gap instead of guessing a release.
/// </summary>
public static class OsScopes
{
    public static AdvisoryScope? For(OperatingSystemInfo os)
    {
        var version = os.VersionId ?? os.Version;
        if (string.IsNullOrEmpty(version))
        {
            return null;
        }

        var parts = version.Split('.');
        var major = parts[0];
        var ecosystem = os.Family switch
        {
            "debian" => Ecosystems.Debian,
            "ubuntu" => Ecosystems.Ubuntu,
            "alpine" => Ecosystems.Alpine,
            "amzn" => Ecosystems.Amazon,
            "almalinux" => Ecosystems.AlmaLinux,
            "rocky" => Ecosystems.Rocky,
            "rhel" or "centos" => Ecosystems.RedHat,
            "ol" => Ecosystems.Oracle,
            "sles" or "sled" or "sle-micro" => Ecosystems.Suse,
            "opensuse-leap" => Ecosystems.OpenSuse,
            "azurelinux" => Ecosystems.AzureLinux,
            "mariner" => Ecosystems.Mariner,
            _ => null,
        };
        var release = ecosystem switch
        {
            null => null,
            Ecosystems.Ubuntu or Ecosystems.Suse or Ecosystems.OpenSuse => version,
            Ecosystems.Alpine => parts.Length >= 2 ? $"{parts[0]}.{parts[1]}" : null,
            Ecosystems.Amazon => major.Length == 4 && major.StartsWith("20", StringComparison.Ordinal) && major is not ("2022" or "2023") ? "1" : major,
            _ => major,
        };
        return ecosystem is null || string.IsNullOrEmpty(release) ? null : new AdvisoryScope(ecosystem, release);
    }
}
