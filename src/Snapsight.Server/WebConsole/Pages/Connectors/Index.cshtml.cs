using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Snapsight.Control.Persistence;
using Snapsight.Server.Accounts;
using Snapsight.Server.Api;

namespace Snapsight.Server.WebConsole.Pages.Connectors;

/// <summary>The connectors, paged and filtered by name as <c>GET /api/v1/connectors</c> lists them (external IDs masked).</summary>
public sealed class IndexModel(ControlDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Offset { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    public Page<ConnectorView> Connectors { get; private set; } = null!;

    public async Task OnGetAsync() =>
        Connectors = await Paging.PageAsync(AccountQueries.Connectors(db, FormValue.Given(Name)), Offset, Paging.DefaultLimit,
            c => ConnectorView.Of(c), HttpContext.RequestAborted).ConfigureAwait(false);
}
