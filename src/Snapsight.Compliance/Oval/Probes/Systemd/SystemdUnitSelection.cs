using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Oval.Probes.Systemd;

/// <summary>The unit names an object's unit entity selects: looked up when exact, else matched against every unit file's name.</summary>
internal static class SystemdUnitSelection
{
    public static async Task<IEnumerable<string>> NamesAsync(SystemdUnitFiles units, ObjectEntity unit) =>
        unit.IsExact
            ? unit.Values.Distinct(StringComparer.Ordinal)
            : (await units.NamesAsync().ConfigureAwait(false)).Where(unit.Matches);
}
