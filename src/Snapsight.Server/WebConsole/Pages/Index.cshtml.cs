using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Snapsight.Server.WebConsole.Pages;

public sealed class IndexModel(DashboardQueries queries) : PageModel
{
    public Dashboard Dashboard { get; private set; } = null!;

    public async Task OnGetAsync() => Dashboard = await queries.LoadAsync(HttpContext.RequestAborted).ConfigureAwait(false);
}
