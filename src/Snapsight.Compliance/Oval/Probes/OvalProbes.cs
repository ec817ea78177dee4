using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Oval.Probes;

/// <summary>
/// Every probe a file tree can answer, by object type, and the object types that only a running
/// system can answer (their tests are reported as not checked, never guessed).
/// </summary>
public static class OvalProbes
{
    public static IReadOnlyList<IOvalProbe> All { get; } =
    [
    ];

    /// <summary>Object types whose answer lives in the kernel or in running processes, not in files.</summary>
    public static IReadOnlySet<string> NeedRunningSystem { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "sysctl_object",
        "process58_object",
        "runlevel_object",
        "interface_object",
        "inetlisteningservers_object",
    };

    private static readonly Dictionary<OvalTypeName, IOvalProbe> ByType = All.ToDictionary(p => p.ObjectType);

    public static IOvalProbe? For(OvalTypeName objectType) => ByType.GetValueOrDefault(objectType);
}
