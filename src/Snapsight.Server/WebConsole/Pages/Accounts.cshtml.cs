using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Persistence;
using Snapsight.Server.Accounts;
using Snapsight.Server.Api;

namespace Snapsight.Server.WebConsole.Pages;

/// <summary>
/// The registered accounts: the service account's validation and its last error in words, and the
/// target accounts with their validation, discovery and snapshot access (the API's views and list queries), with links
/// for operators to the pages that change them (<see cref="ServiceAccountModel"/>, the target account form).
/// </summary>
public sealed class AccountsModel(ControlDbContext db, ICloudProvider cloud) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? TargetsOffset { get; set; }

    public int ConnectorCount { get; private set; }

    public ServiceAccountView? ServiceAccount { get; private set; }

    public Page<TargetAccountView> Targets { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        ConnectorCount = await db.Connectors.CountAsync(ct).ConfigureAwait(false);
        ServiceAccount = await db.ServiceAccounts.AsNoTracking().SingleOrDefaultAsync(ct).ConfigureAwait(false) is { } service
            ? ServiceAccountView.Of(service)
            : null;
        Targets = await Paging.PageAsync(AccountQueries.TargetAccounts(db), TargetsOffset, Paging.DefaultLimit, a => TargetAccountView.Of(a, cloud.SnapshotAccess), ct)
            .ConfigureAwait(false);
    }
}
