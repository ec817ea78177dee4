namespace Snapsight.Cloud.Aws.Ssm;

/// <summary>
/// The os-release ID (the family advisories are keyed by) of the os-release NAME the SSM agent
/// reports as PlatformName, for the distributions whose packages we match, and which package
/// manager the agent's AWS:Application entries then come from (it asks dpkg-query when present,
/// else rpm). NAME values as the distributions' /etc/os-release files write them.
/// </summary>
public static class SsmPlatforms
{
    private static readonly Dictionary<string, (string Family, string PackageType)> Names = new(StringComparer.Ordinal)
    {
        ["Debian GNU/Linux"] = ("debian", "dpkg"),
        ["Ubuntu"] = ("ubuntu", "dpkg"),
        ["Amazon Linux"] = ("amzn", "rpm"),
        ["Amazon Linux AMI"] = ("amzn", "rpm"),
        ["Red Hat Enterprise Linux"] = ("rhel", "rpm"),
        ["Red Hat Enterprise Linux Server"] = ("rhel", "rpm"),
        ["CentOS Linux"] = ("centos", "rpm"),
        ["CentOS Stream"] = ("centos", "rpm"),
        ["Rocky Linux"] = ("rocky", "rpm"),
        ["AlmaLinux"] = ("almalinux", "rpm"),
        ["Oracle Linux Server"] = ("ol", "rpm"),
        ["SLES"] = ("sles", "rpm"),
        ["openSUSE Leap"] = ("opensuse-leap", "rpm"),
    };

    /// <summary>The family and package type of a platform name, or null for one we do not match (Windows, macOS, others).</summary>
    public static (string Family, string PackageType)? Of(string platformName) =>
        Names.TryGetValue(platformName.Trim(), out var known) ? known : null;
}
