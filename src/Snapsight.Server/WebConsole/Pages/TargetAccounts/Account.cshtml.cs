using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Accounts;
using Snapsight.Control.Persistence;
using Snapsight.Server.Accounts;

namespace Snapsight.Server.WebConsole.Pages.TargetAccounts;

/// <summary>
/// One target account, for operators: where its validation stands, and its removal after a confirmation that says what
/// stays (as <c>DELETE /api/v1/target-accounts/{id}</c>, through <see cref="AccountActions"/>, audited alike).
/// </summary>
[Authorize(Policy = ConsoleSetup.OperatorPolicy)]
public sealed class AccountModel(AccountActions actions, ControlDbContext db, ICloudProvider cloud) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The removal is being confirmed.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Remove { get; set; }

    public TargetAccount Account { get; private set; } = null!;

    public string ConnectorName { get; private set; } = "";

    /// <summary>How the account's snapshots are read, as the API's view names it.</summary>
    public string SnapshotAccess { get; private set; } = "";

    /// <summary>Whether the account is the service account too: scanning there goes on with the server's own access.</summary>
    public bool AlsoServiceAccount { get; private set; }

    /// <summary>Assets discovered in the account: they stay when it is removed.</summary>
    public int AssetCount { get; private set; }

    /// <summary>Set once the account is removed: the answer says so.</summary>
    public string? Removed { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (await db.TargetAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == Id, ct).ConfigureAwait(false) is not { } account)
        {
            return NotFound();
        }

        Account = account;
        SnapshotAccess = TargetAccountView.Of(account, cloud.SnapshotAccess).SnapshotAccess;
        ConnectorName = await db.Connectors.Where(c => c.Id == account.ConnectorId).Select(c => c.Name).SingleAsync(ct).ConfigureAwait(false);
        AlsoServiceAccount = await db.ServiceAccounts.AnyAsync(a => a.AccountId == account.AccountId, ct).ConfigureAwait(false);
        AssetCount = await db.Assets.CountAsync(a => a.CloudAccountId == account.AccountId, ct).ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync()
    {
        var accountId = await db.TargetAccounts.Where(a => a.Id == Id).Select(a => a.AccountId).SingleOrDefaultAsync(HttpContext.RequestAborted)
            .ConfigureAwait(false);
        if (accountId is null || !await actions.RemoveTargetAsync(HttpContext, Id).ConfigureAwait(false))
        {
            return NotFound();
        }

        Removed = accountId;
        return Page();
    }
}
