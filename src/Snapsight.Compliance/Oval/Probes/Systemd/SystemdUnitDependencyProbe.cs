using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Oval.Probes.Systemd;

/// <summary>
/// systemdunitdependency_object (linux): every unit a unit pulls in at start, followed to the
/// end as OpenSCAP follows it: Requires, Requisite, Wants and BindsTo, from the files and from
/// the .wants/ and .requires/ links (multi-user.target reaches what basic.target and
/// sysinit.target want). A masked or missing unit pulls nothing in further.
/// </summary>
internal sealed class SystemdUnitDependencyProbe : IOvalProbe
{
    /// <summary>A distribution has a few hundred units; the walk stops well past that.</summary>
    public const int MaxUnits = 20_000;

    public OvalTypeName ObjectType { get; } = new("systemdunitdependency_object", "linux");

    public Task<CollectedObject> CollectAsync(ProbeRequest request, ProbeContext context, CancellationToken cancellationToken) =>
        ProbeGuard.RunAsync(request, async () =>
        {
            var unitEntity = request.Required("unit");
            var units = new SystemdUnitFiles(context, cancellationToken);
            var items = new List<OvalItem>();
            foreach (var name in await SystemdUnitSelection.NamesAsync(units, unitEntity).ConfigureAwait(false))
            {
                if (await units.LoadAsync(name).ConfigureAwait(false) is not { } unit)
                {
                    continue;
                }

                var dependencies = await DependenciesAsync(units, unit).ConfigureAwait(false);
                items.Add(new ItemEntities().Add("unit", name).AddAll("dependency", dependencies).ToItem($"{unit.FragmentPath ?? name} and what it pulls in"));
            }

            return CollectedObject.Found(items);
        });

    private static async Task<IReadOnlyList<string>> DependenciesAsync(SystemdUnitFiles units, SystemdUnit start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start.Name };
        var found = new List<string>();
        var pending = new Queue<SystemdUnit>([start]);
        while (pending.TryDequeue(out var unit))
        {
            var direct = SystemdUnit.PullingDirectives.SelectMany(unit.ListValues).Concat(unit.LinkedWants).Concat(unit.LinkedRequires);
            foreach (var dependency in direct)
            {
                if (!seen.Add(dependency))
                {
                    continue;
                }

                if (seen.Count > MaxUnits)
                {
                    throw new OvalProbeException($"{start.Name} pulls in more than {MaxUnits} units");
                }

                found.Add(dependency);
                if (await units.LoadAsync(dependency).ConfigureAwait(false) is { Masked: false } next)
                {
                    pending.Enqueue(next);
                }
            }
        }

        return found;
    }
}
