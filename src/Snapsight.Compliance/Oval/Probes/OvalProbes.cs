using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Compliance.Oval.Probes.Accounts;
using Snapsight.Compliance.Oval.Probes.Files;
using Snapsight.Compliance.Oval.Probes.Mounts;
using Snapsight.Compliance.Oval.Probes.Packages;
using Snapsight.Compliance.Oval.Probes.Systemd;

namespace Snapsight.Compliance.Oval.Probes;

/// <summary>
/// Every probe a file tree can answer, by object type, and the object types that only a running
/// system can answer (their tests are reported as not checked, never guessed).
/// </summary>
public static class OvalProbes
{
    public static IReadOnlyList<IOvalProbe> All { get; } =
    [
        new FamilyProbe(),
        new TextFileContent54Probe(),
        new FileProbe(),
        new SymlinkProbe(),
        new XmlFileContentProbe(),
        new EnvironmentVariable58Probe(),
        new PasswordProbe(),
        new ShadowProbe(),
        new DpkgInfoProbe(),
        new RpmInfoProbe(),
        new PartitionProbe(),
        new SystemdUnitPropertyProbe(),
        new SystemdUnitDependencyProbe(),
    ];

    /// <summary>
    /// Object types whose answer lives in the kernel or in running processes, not in files:
    /// kernel parameters, processes, the running kernel, network interfaces and listeners,
    /// the live SELinux booleans.
    /// </summary>
    public static IReadOnlySet<string> NeedRunningSystem { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "sysctl_object",
        "process_object",
        "process58_object",
        "runlevel_object",
        "uname_object",
        "interface_object",
        "inetlisteningservers_object",
        "selinuxboolean_object",
    };

    private static readonly Dictionary<OvalTypeName, IOvalProbe> ByType = All.ToDictionary(p => p.ObjectType);

    public static IOvalProbe? For(OvalTypeName objectType) => ByType.GetValueOrDefault(objectType);
}
