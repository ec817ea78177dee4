using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Snapsight.Control.Accounts;
using Snapsight.Server.Accounts;

namespace Snapsight.Server.WebConsole.Pages.TargetAccounts;

/// <summary>
/// Adds a target account for operators, as CFT-T's call-back does: through <see cref="AccountActions"/>, validated
/// against the cloud and audited exactly as the API's registration; the answer shows the validation's outcome in words.
/// </summary>
[Authorize(Policy = ConsoleSetup.OperatorPolicy)]
public sealed class NewModel(AccountActions actions) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Account { get; set; }

    [BindProperty]
    public string? Regions { get; set; }

    /// <summary>The account as the registration left it (registered, or failed with its cause).</summary>
    public RegisteredAccount? Registered { get; private set; }

    public Dictionary<string, string> Errors { get; private set; } = [];

    public string? Error { get; private set; }

    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await RegistrationForm.RunAsync(() => actions.RegisterTargetAsync(HttpContext, new TargetAccountRegistration(
            FormValue.Given(Account), null, FormValue.Given(Regions)?.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))), Errors)
            .ConfigureAwait(false);
        Registered = outcome?.Account;
        (Message, Error) = RegistrationForm.Describe(outcome, "Target account", "discovery polls it from now on.");
        if (Errors.Count > 0 || Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
