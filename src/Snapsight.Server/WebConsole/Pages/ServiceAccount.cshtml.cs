using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Accounts;
using Snapsight.Control.Persistence;
using Snapsight.Server.Accounts;

namespace Snapsight.Server.WebConsole.Pages;

/// <summary>
/// The service account, for operators: where its validation stands and its last error in words, registering it (as
/// CFT-S's call-back does) and deregistering it after a confirmation. Both go through <see cref="AccountActions"/>,
/// audited exactly as the API's calls.
/// </summary>
[Authorize(Policy = ConsoleSetup.OperatorPolicy)]
public sealed class ServiceAccountModel(AccountActions actions, ControlDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Deregister { get; set; }

    [BindProperty]
    public string? AccountId { get; set; }

    [BindProperty]
    public string? ScheduleHours { get; set; }

    [BindProperty]
    public string? Regions { get; set; }

    public ServiceAccount? Account { get; private set; }

    public Dictionary<string, string> Errors { get; private set; } = [];

    public string? Error { get; private set; }

    public string? Message { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostRegisterAsync()
    {
        var hours = FormValue.Given(ScheduleHours);
        if (hours is not null && !int.TryParse(hours, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            Errors["schedule"] = "give a whole number of hours";
        }
        else
        {
            var outcome = await RegistrationForm.RunAsync(() => actions.RegisterServiceAsync(HttpContext, new ServiceAccountRegistration
            {
                AccountId = FormValue.Given(AccountId),
                Schedule = hours is null ? null : JsonSerializer.SerializeToElement(int.Parse(hours, CultureInfo.InvariantCulture)),
                Regions = FormValue.Given(Regions)?.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries),
            }), Errors).ConfigureAwait(false);
            (Message, Error) = RegistrationForm.Describe(outcome, "Service account", "the connector's role works in every region.");
        }

        if (Errors.Count > 0 || Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostDeregisterAsync()
    {
        if (!await actions.DeregisterServiceAsync(HttpContext).ConfigureAwait(false))
        {
            return NotFound();
        }

        Message = "The service account is deregistered: scanning stops until one is registered again, and zero-touch snapshot scanning cannot be turned on for new connectors.";
        Deregister = false;
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync()
    {
        Account = await db.ServiceAccounts.AsNoTracking().SingleOrDefaultAsync(HttpContext.RequestAborted).ConfigureAwait(false);
        // The form shows the registered settings, so registering again changes only what the user edits.
        AccountId ??= Account?.AccountId;
        ScheduleHours ??= Account?.ScheduleHours.ToString(CultureInfo.InvariantCulture);
        Regions ??= Account is null ? null : string.Join(", ", Account.Regions);
    }
}
