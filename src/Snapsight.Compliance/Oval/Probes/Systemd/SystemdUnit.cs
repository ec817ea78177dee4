using Snapsight.Disk.FileSystems.Systemd;

namespace Snapsight.Compliance.Oval.Probes.Systemd;

/// <summary>
/// One unit as its files define it: where its fragment is (null when masked), the drop-ins in the
/// order systemd applies them, every assignment (fragment first, then drop-ins), and the units
/// that <c>.wants/</c> and <c>.requires/</c> links add to its Wants and Requires. An alias is a
/// link under another name to a unit file.
/// </summary>
internal sealed record SystemdUnit(
    string Name,
    string? FragmentPath,
    bool Masked,
    IReadOnlyList<string> DropInPaths,
    IReadOnlyList<UnitAssignment> Assignments,
    IReadOnlyList<string> LinkedWants,
    IReadOnlyList<string> LinkedRequires,
    bool IsAlias,
    bool EnabledByLink)
{
    /// <summary>Dependencies that pull a unit in at start: the values of these directives, and the links.</summary>
    public static readonly string[] PullingDirectives = ["Requires", "Requisite", "Wants", "BindsTo"];

    /// <summary>The words of a list directive over all assignments, an empty assignment resetting the list, as systemd reads it.</summary>
    public IReadOnlyList<string> ListValues(string key)
    {
        var values = new List<string>();
        foreach (var assignment in Assignments.Where(a => a.Section == "Unit" && a.Key == key))
        {
            if (assignment.Value.Length == 0)
            {
                values.Clear();
            }
            else
            {
                values.AddRange(assignment.Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return values;
    }

    /// <summary>"static" when there is nothing to enable it with ([Install] empty), as systemctl says.</summary>
    public string UnitFileState =>
        Masked ? "masked"
        : IsAlias ? "alias"
        : EnabledByLink ? "enabled"
        : Assignments.Any(a => a.Section == "Install" && a.Key is "WantedBy" or "RequiredBy" or "Alias" or "Also" or "UpheldBy") ? "disabled"
        : "static";
}
