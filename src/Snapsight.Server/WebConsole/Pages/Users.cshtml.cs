using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Snapsight.Control.Persistence;
using Snapsight.Server.Api;
using Snapsight.Server.Users;

namespace Snapsight.Server.WebConsole.Pages;

/// <summary>The subscription's users for admins, read only (adding and changing users is the API's for now).</summary>
[Authorize(Policy = ConsoleSetup.AdminPolicy)]
public sealed class UsersModel(ControlDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Offset { get; set; }

    public Page<UserEndpoints.UserView> Users { get; private set; } = null!;

    public async Task OnGetAsync() =>
        Users = await Paging.PageAsync(UserEndpoints.Listed(db, null), Offset, Paging.DefaultLimit, UserEndpoints.UserView.Of,
            HttpContext.RequestAborted).ConfigureAwait(false);
}
