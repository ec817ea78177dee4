using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Persistence;
using Snapsight.Server.Accounts;
using Snapsight.Server.Api;

namespace Snapsight.Server.WebConsole.Pages;

/// <summary>
/// The cloud side, read only: the connectors (external IDs masked, as the API lists them), the
/// service account's validation and its last error in words, and the target accounts with their
/// validation and discovery. The API's views and list queries.
/// </summary>
public sealed class AccountsModel(ControlDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? ConnectorsOffset { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? TargetsOffset { get; set; }

    public Page<ConnectorView> Connectors { get; private set; } = null!;

    public ServiceAccountView? ServiceAccount { get; private set; }

    public Page<TargetAccountView> Targets { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Connectors = await Paging.PageAsync(AccountQueries.Connectors(db, null), ConnectorsOffset, Paging.DefaultLimit,
            c => ConnectorView.Of(c), ct).ConfigureAwait(false);
        ServiceAccount = await db.ServiceAccounts.AsNoTracking().SingleOrDefaultAsync(ct).ConfigureAwait(false) is { } service
            ? ServiceAccountView.Of(service)
            : null;
        Targets = await Paging.PageAsync(AccountQueries.TargetAccounts(db), TargetsOffset, Paging.DefaultLimit, TargetAccountView.Of, ct)
            .ConfigureAwait(false);
    }
}
