using Snapsight.Server.Api;

namespace Snapsight.Server.WebConsole;

/// <summary>
/// Where a page of a list stands, for the pager links under every console list; <paramref name="Parameter"/>
/// is the query value holding the offset (a page with two lists pages each by its own). An
/// <see cref="Open"/> total is a lower bound: there are more than <c>Total - 1</c> (<see cref="ConsolePaging"/>).
/// </summary>
public sealed record PagerView(int Total, int Offset, int Limit, string Parameter = "offset")
{
    public bool Open { get; init; }

    public static PagerView Of<T>(Page<T> page, string parameter = "offset") => new(page.Total, page.Offset, page.Limit, parameter);
}
