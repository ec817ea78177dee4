using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Server.Api;
using Snapsight.Server.Audit;

namespace Snapsight.Server.WebConsole.Pages;

/// <summary>The subscription's audit log for admins, newest first, filtered by action and actor: the API's <see cref="AuditQuery"/>.</summary>
[Authorize(Policy = ConsoleSetup.AdminPolicy)]
public sealed class AuditModel(ControlDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Offset { get; set; }

    public Page<AuditEntry> Entries { get; private set; } = null!;

    public async Task OnGetAsync() =>
        Entries = await Paging.PageAsync(AuditQuery.List(db, FormValue.Given(Action), FormValue.Given(Actor), null, null),
            Offset, Paging.DefaultLimit, e => e, HttpContext.RequestAborted).ConfigureAwait(false);
}
