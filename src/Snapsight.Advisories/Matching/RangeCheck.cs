using Snapsight.Advisories.Model;
using Snapsight.Advisories.Store;

namespace Snapsight.Advisories.Matching;

/// <summary>
/// Whether an installed version falls in a stored stretch. Module streams must agree: a
/// modular package meets only fixes built in its own stream, a non-modular one only
/// non-modular fixes; comparing across them gives false findings both ways. A version either
/// side cannot parse gives null: not a match, and the caller records a gap.
/// </summary>
internal static class RangeCheck
{
    public static bool? Affects(StoredRange range, PackageQuery query)
    {
        if (range.Status == AffectedStatus.NotAffected || !ModulesAgree(range, query))
        {
            return false;
        }

        if (range.Introduced is { } introduced)
        {
            if (!query.Comparer.TryCompare(query.Version, introduced, out var fromIntroduced))
            {
                return null;
            }

            if (fromIntroduced < 0)
            {
                return false;
            }
        }

        var (bound, inclusive) = range switch
        {
            { Fixed: { } f } => (f, false),
            { LastAffected: { } l } => (l, true),
            _ => ((string?)null, false),
        };
        if (bound is null)
        {
            return true;
        }

        return query.Comparer.TryCompare(query.Version, bound, out var order) ? order < 0 || inclusive && order == 0 : null;
    }

    private static bool ModulesAgree(StoredRange range, PackageQuery query) => range.Module is not null
        ? string.Equals(range.Module, query.Module, StringComparison.Ordinal)
        : query.Module is null || range.Fixed is null;
}
