using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Oval.Probes.Systemd;

/// <summary>
/// systemdunitproperty_object (linux): the properties <c>systemctl show</c> would print for each
/// unit, as far as the unit files give them: Id, LoadState (loaded or masked), UnitFileState
/// (enabled, disabled, static, masked), FragmentPath, DropInPaths, and each [Unit] directive
/// under its own name (a list directive such as Wants one value per unit, .wants/ links
/// included). The state of a running unit (ActiveState, SubState, MainPID…) is not in any file:
/// an object that asks only for such properties needs a running system.
/// </summary>
internal sealed class SystemdUnitPropertyProbe : IOvalProbe
{
    private static readonly HashSet<string> RuntimeProperties = new(StringComparer.Ordinal)
    {
        "ActiveState", "SubState", "MainPID", "ExecMainPID", "ExecMainStatus", "ActiveEnterTimestamp",
        "ActiveExitTimestamp", "InactiveEnterTimestamp", "StateChangeTimestamp", "NRestarts", "Result", "ControlGroup",
    };

    private static readonly HashSet<string> ListDirectives = new(StringComparer.Ordinal)
    {
        "Requires", "Requisite", "Wants", "BindsTo", "PartOf", "Upholds", "Conflicts", "Before", "After", "OnFailure", "OnSuccess",
        "PropagatesReloadTo", "ReloadPropagatedFrom", "JoinsNamespaceOf", "Documentation",
    };

    public OvalTypeName ObjectType { get; } = new("systemdunitproperty_object", "linux");

    public Task<CollectedObject> CollectAsync(ProbeRequest request, ProbeContext context, CancellationToken cancellationToken) =>
        ProbeGuard.RunAsync(request, async () =>
        {
            var unitEntity = request.Required("unit");
            var property = request.Required("property");
            if (property.IsExact && property.Values.All(RuntimeProperties.Contains))
            {
                return CollectedObject.NotCollected("needs a running system");
            }

            var units = new SystemdUnitFiles(context, cancellationToken);
            var items = new List<OvalItem>();
            foreach (var name in await SystemdUnitSelection.NamesAsync(units, unitEntity).ConfigureAwait(false))
            {
                if (await units.LoadAsync(name).ConfigureAwait(false) is not { } unit)
                {
                    continue;
                }

                foreach (var (key, values) in Properties(unit).Where(p => property.Matches(p.Key)))
                {
                    items.Add(new ItemEntities().Add("unit", name).Add("property", key).AddAll("value", values)
                        .ToItem($"{unit.FragmentPath ?? name} {key}"));
                }
            }

            return CollectedObject.Found(items);
        });

    private static Dictionary<string, IReadOnlyList<string>> Properties(SystemdUnit unit)
    {
        var properties = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["Id"] = [unit.Name],
            ["LoadState"] = [unit.Masked ? "masked" : "loaded"],
            ["UnitFileState"] = [unit.UnitFileState],
            ["FragmentPath"] = [unit.FragmentPath ?? ""],
            ["DropInPaths"] = unit.DropInPaths,
        };
        foreach (var assignment in unit.Assignments.Where(a => a.Section == "Unit" && !properties.ContainsKey(a.Key)))
        {
            if (ListDirectives.Contains(assignment.Key))
            {
                continue;
            }

            properties[assignment.Key] = [unit.Assignments.Last(a => a.Section == "Unit" && a.Key == assignment.Key).Value];
        }

        foreach (var directive in ListDirectives)
        {
            var values = unit.ListValues(directive).Concat(directive switch
            {
                "Wants" => unit.LinkedWants,
                "Requires" => unit.LinkedRequires,
                _ => [],
            }).Distinct(StringComparer.Ordinal).ToList();
            if (values.Count > 0)
            {
                properties[directive] = values;
            }
        }

        return properties;
    }
}
