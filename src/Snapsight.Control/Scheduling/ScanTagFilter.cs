using Snapsight.Cloud.Aws.Templates;
using Snapsight.Control.Accounts;
using Snapsight.Control.Assets;

namespace Snapsight.Control.Scheduling;

/// <summary>
/// The service account's tag filters as a query: an asset is scanned when it carries every tag of
/// <see cref="All"/>, at least one of <see cref="Any"/> (when given) and none of <see cref="None"/>
/// or of <see cref="Exclusion"/>. Without a service account, or without exclusion tags, the
/// templates' default exclusion tag still applies: the target role is denied snapshots of it anyway.
/// Tags are compared as <c>key=value</c> text, exactly.
/// </summary>
public sealed record ScanTagFilter(IReadOnlyList<string> All, IReadOnlyList<string> Any, IReadOnlyList<string> None,
    IReadOnlyList<string> Exclusion)
{
    public static ScanTagFilter Of(ServiceAccount? service) => new(
        service?.Tags ?? [], service?.TagsAny ?? [], service?.TagsNone ?? [],
        service is { ExclusionTags.Count: > 0 } ? service.ExclusionTags : [TagFilter.DefaultExclusion]);

    public IQueryable<Asset> Apply(IQueryable<Asset> assets)
    {
        // Locals, so EF Core sends each list as one parameter.
        var all = All.Distinct(StringComparer.Ordinal).ToList();
        var any = Any.ToList();
        var none = None.Concat(Exclusion).Distinct(StringComparer.Ordinal).ToList();
        if (all.Count > 0)
        {
            // An asset has each key once, so counting its matching tags counts distinct filter tags.
            assets = assets.Where(a => a.Tags.Count(t => all.Contains(t.Key + "=" + t.Value)) == all.Count);
        }

        if (any.Count > 0)
        {
            assets = assets.Where(a => a.Tags.Any(t => any.Contains(t.Key + "=" + t.Value)));
        }

        return none.Count > 0 ? assets.Where(a => !a.Tags.Any(t => none.Contains(t.Key + "=" + t.Value))) : assets;
    }
}
