using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Accounts;
using Snapsight.Control.Persistence;
using Snapsight.Server.Accounts;
using Snapsight.Server.WebConsole.Connectors;

namespace Snapsight.Server.WebConsole.Pages.Connectors;

/// <summary>
/// One connector, for operators (as <c>PATCH</c> and <c>DELETE /api/v1/connectors/{id}</c>): its settings changed in one
/// form, or the connector deleted after a confirmation that says what goes with it. Both go through
/// <see cref="ConnectorActions"/>, which decides and audits exactly as for the API.
/// </summary>
[Authorize(Policy = ConsoleSetup.OperatorPolicy)]
public sealed class ConnectorModel(ConnectorActions actions, ControlDbContext db) : ConnectorFormModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The deletion is being confirmed.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Delete { get; set; }

    /// <summary>Separated by commas.</summary>
    [BindProperty]
    public string? Regions { get; set; }

    public Connector Connector { get; private set; } = null!;

    public ServiceAccount? ServiceAccount { get; private set; }

    public IReadOnlyList<TargetAccount> TargetAccounts { get; private set; } = [];

    /// <summary>Assets discovered through the connector: they stay when it is deleted.</summary>
    public int AssetCount { get; private set; }

    public string? Message { get; private set; }

    /// <summary>Set once the connector is deleted: the answer says so and shows nothing else of it.</summary>
    public Connector? Deleted { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync().ConfigureAwait(false))
        {
            return NotFound();
        }

        ShowSaved();
        return Page();
    }

    public async Task<IActionResult> OnPostChangeAsync()
    {
        var hours = FormValue.Given(PollingFrequencyHours);
        int? polling = int.TryParse(hours, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        if (polling is null)
        {
            // Not a number is not a rule's to judge: an absent field would leave the polling as it was, silently.
            Errors["pollingFrequencyHours"] = $"give a whole number of hours, {ConnectorRules.MinPollingFrequencyHours} to {ConnectorRules.MaxPollingFrequencyHours}";
        }
        else
        {
            await ChangeAsync(polling.Value).ConfigureAwait(false);
        }

        if (!await LoadAsync().ConfigureAwait(false))
        {
            return NotFound();
        }

        if (Errors.Count > 0 || Error is not null)
        {
            Response.StatusCode = Error is not null ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        }
        else
        {
            ShowSaved();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync()
    {
        if (await actions.DeleteAsync(HttpContext, Id).ConfigureAwait(false) is not { } deleted)
        {
            return NotFound();
        }

        Deleted = deleted;
        return Page();
    }

    private async Task ChangeAsync(int polling)
    {
        var input = new ConnectorInput
        {
            Name = Name ?? "",
            Description = Description ?? "",
            Applications = Applications,
            AccountType = AccountType,
            PollingFrequencyHours = polling,
            RoleArn = RoleArn?.Trim() ?? "",
            Regions = [.. (Regions ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)],
            AssetTags = ConnectorDraft.Tags(AssetTags ?? ""),
            AutoActivate = AutoActivate,
            ZeroTouchSnapshot = ZeroTouchSnapshot,
        };
        try
        {
            if (await actions.ChangeAsync(HttpContext, Id, input).ConfigureAwait(false) is { } changed)
            {
                Message = $"Connector {changed.Name} is saved.";
            }
        }
        catch (Exception refused) when (ConnectorRefusals.Of(refused) is { } field)
        {
            if (field.Field == "")
            {
                Error = $"Not saved: {field.Reason}.";
            }
            else
            {
                Errors[ConnectorWizard.FieldOf(field.Field)] = field.Reason;
            }
        }
    }

    /// <summary>Reads the connector and what is registered on it; false when there is none (or it is another subscription's).</summary>
    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (await db.Connectors.AsNoTracking().SingleOrDefaultAsync(c => c.Id == Id, ct).ConfigureAwait(false) is not { } connector)
        {
            return false;
        }

        Connector = connector;
        ServiceAccount = await db.ServiceAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.ConnectorId == Id, ct).ConfigureAwait(false);
        TargetAccounts = await db.TargetAccounts.AsNoTracking().Where(a => a.ConnectorId == Id).OrderBy(a => a.AccountId)
            .ToListAsync(ct).ConfigureAwait(false);
        AssetCount = await db.Assets.CountAsync(a => a.ConnectorId == Id, ct).ConfigureAwait(false);
        ZeroTouchAllowed = connector.ZeroTouchSnapshot || await actions.ZeroTouchAllowedAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>The form shows the saved connector (after a refusal it keeps what the user typed).</summary>
    private void ShowSaved()
    {
        var c = ConnectorView.Of(Connector);
        Name = c.Name;
        Description = c.Description;
        Applications = [.. c.Applications];
        AccountType = c.AccountType;
        PollingFrequencyHours = c.PollingFrequencyHours.ToString(CultureInfo.InvariantCulture);
        RoleArn = c.RoleArn;
        Regions = string.Join(", ", c.Regions);
        AssetTags = string.Join('\n', c.AssetTags.Select(t => $"{t.TagKey}={t.TagValue}"));
        AutoActivate = c.AutoActivate;
        ZeroTouchSnapshot = c.ZeroTouchSnapshot;
        ModelState.Clear();
    }
}
