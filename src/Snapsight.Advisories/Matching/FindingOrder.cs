using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Matching;

/// <summary>The order findings are reported in: most severe first, then by package, then by id, so the same inputs always print the same way.</summary>
public sealed class FindingOrder : IComparer<Finding>
{
    public static FindingOrder Instance { get; } = new();

    public int Compare(Finding? x, Finding? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var order = y.Severity.CompareTo(x.Severity);
        if (order == 0)
        {
            order = string.CompareOrdinal(x.Package.Package.Name, y.Package.Package.Name);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(x.Package.Package.Version, y.Package.Package.Version);
        }

        return order != 0 ? order : string.CompareOrdinal(x.Id, y.Id);
    }
}
