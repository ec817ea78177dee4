using Snapsight.Server.Api;

namespace Snapsight.Server.WebConsole;

/// <summary>Where a page of a list stands, for the pager links under every console list.</summary>
public sealed record PagerView(int Total, int Offset, int Limit)
{
    public static PagerView Of<T>(Page<T> page) => new(page.Total, page.Offset, page.Limit);
}
