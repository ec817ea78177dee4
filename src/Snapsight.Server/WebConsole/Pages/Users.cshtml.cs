using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Snapsight.Control;
using Snapsight.Control.Persistence;
using Snapsight.Control.Setup;
using Snapsight.Control.Tenancy;
using Snapsight.Server.Api;
using Snapsight.Server.Auth;
using Snapsight.Server.Users;

namespace Snapsight.Server.WebConsole.Pages;

/// <summary>
/// The subscription's users, for admins only (as <c>/api/v1/users</c>): add one with a role, disable or enable one,
/// delete one after a confirmation. Every change goes through <see cref="UserActions"/>, with the API's rules (the
/// last enabled admin stays) and audit entries.
/// </summary>
[Authorize(Policy = ConsoleSetup.AdminPolicy)]
public sealed class UsersModel(ControlDbContext db, UserActions actions) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Offset { get; set; }

    /// <summary>The user whose deletion is being confirmed.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Remove { get; set; }

    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    public Page<UserEndpoints.UserView> Users { get; private set; } = null!;

    public Dictionary<string, string> Errors { get; private set; } = [];

    public string? Error { get; private set; }

    public string? Message { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        try
        {
            var user = await actions.CreateAsync(HttpContext, new UserEndpoints.CreateUserRequest(FormValue.Given(Username), Password, Role))
                .ConfigureAwait(false);
            Message = $"User {user.Username} is added as {user.Role.ToString().ToLowerInvariant()}.";
            (Username, Password, Role) = (null, null, null);
        }
        catch (InvalidFieldException bad)
        {
            Errors[bad.Field] = bad.Reason;
        }
        catch (SetupException refused)
        {
            Error = $"The user was not added: {refused.Message}.";
        }
        catch (ConflictException refused)
        {
            Error = $"The user was not added: {refused.Message}.";
        }

        return await AnswerAsync().ConfigureAwait(false);
    }

    /// <summary>Gives the user the posted role; an admin who demotes themselves (another admin remaining) leaves for the dashboard.</summary>
    public async Task<IActionResult> OnPostRoleAsync(Guid id)
    {
        try
        {
            var changed = await actions.ChangeAsync(HttpContext, id, new UserEndpoints.ChangeUserRequest(Role, null)).ConfigureAwait(false);
            if (changed is null)
            {
                return NotFound();
            }

            if (changed.Id == RequestActor.UserId(HttpContext) && changed.Role != UserRole.Admin)
            {
                return RedirectToPage("/Index");
            }

            Message = $"User {changed.Username} is now {changed.Role.ToString().ToLowerInvariant()}; it takes effect at their next page.";
        }
        catch (InvalidFieldException bad)
        {
            Error = $"Not changed: {bad.Field}: {bad.Reason}.";
        }
        catch (ConflictException refused)
        {
            Error = $"Not changed: {refused.Message}.";
        }

        Role = null;
        return await AnswerAsync().ConfigureAwait(false);
    }

    public Task<IActionResult> OnPostDisableAsync(Guid id) => ChangeAsync(id, disabled: true);

    public Task<IActionResult> OnPostEnableAsync(Guid id) => ChangeAsync(id, disabled: false);

    public async Task<IActionResult> OnPostRemoveAsync(Guid id)
    {
        try
        {
            var removed = await actions.RemoveAsync(HttpContext, id).ConfigureAwait(false);
            if (removed is null)
            {
                return NotFound();
            }

            Message = $"User {removed.Username} is deleted.";
        }
        catch (ConflictException refused)
        {
            Error = $"Not deleted: {refused.Message}.";
        }

        Remove = null;
        return await AnswerAsync().ConfigureAwait(false);
    }

    private async Task<IActionResult> ChangeAsync(Guid id, bool disabled)
    {
        try
        {
            var changed = await actions.ChangeAsync(HttpContext, id, new UserEndpoints.ChangeUserRequest(null, disabled)).ConfigureAwait(false);
            if (changed is null)
            {
                return NotFound();
            }

            Message = disabled
                ? $"User {changed.Username} is disabled: they cannot sign in, and their open sessions end at their next request."
                : $"User {changed.Username} is enabled.";
        }
        catch (ConflictException refused)
        {
            Error = $"Not changed: {refused.Message}.";
        }

        return await AnswerAsync().ConfigureAwait(false);
    }

    private async Task<IActionResult> AnswerAsync()
    {
        if (Errors.Count > 0 || Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync() =>
        Users = await Paging.PageAsync(UserEndpoints.Listed(db, null), Offset, Paging.DefaultLimit, UserEndpoints.UserView.Of,
            HttpContext.RequestAborted).ConfigureAwait(false);

    /// <summary>The roles offered, most powerful first, as the API names them.</summary>
    public static IReadOnlyList<UserRole> Roles { get; } = [UserRole.Admin, UserRole.Operator, UserRole.Reader];
}
