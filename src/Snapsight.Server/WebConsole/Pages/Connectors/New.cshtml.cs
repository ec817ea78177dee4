using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Snapsight.Cloud.Aws;
using Snapsight.Control.Accounts;
using Snapsight.Server.Accounts;
using Snapsight.Server.WebConsole.Connectors;

namespace Snapsight.Server.WebConsole.Pages.Connectors;

/// <summary>
/// The connector wizard, for operators: basic details, authentication (with the external ID the server issued),
/// regions, tags and activation, then review and create. Each step posts its fields with the protected draft and is
/// checked by the API's rules before the next is shown; creating goes through <see cref="ConnectorActions"/>, audited
/// exactly as <c>POST /api/v1/connectors</c>.
/// </summary>
[Authorize(Policy = ConsoleSetup.OperatorPolicy)]
public sealed class NewModel(ConnectorActions actions, ConnectorDrafts drafts) : ConnectorFormModel
{
    [BindProperty]
    public WizardStep Step { get; set; }

    [BindProperty]
    public string? Draft { get; set; }

    [BindProperty]
    public List<string> Regions { get; set; } = [];

    public ConnectorDraft Current { get; private set; } = null!;

    /// <summary>Set once the connector is saved: the answer shows it, with its external ID whole, this once.</summary>
    public Connector? Created { get; private set; }

    public AwsPartition Partition => AccountTypes.Partition(AccountTypes.Parse(Current.AccountType) ?? Control.Accounts.AccountType.Commercial);

    public string ProtectedDraft => drafts.Protect(HttpContext, Current);

    public async Task OnGetAsync()
    {
        Current = ConnectorDraft.New();
        Step = WizardStep.Basics;
        await ShowAsync().ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostNextAsync()
    {
        if (!Resume())
        {
            return await ExpiredAsync().ConfigureAwait(false);
        }

        Errors = ConnectorWizard.Check(Current, Step);
        await CheckClashesAsync().ConfigureAwait(false);
        if (Errors.Count == 0 && Step < WizardStep.Review)
        {
            Step++;
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return await ShowAsync().ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostBackAsync()
    {
        if (!Resume())
        {
            return await ExpiredAsync().ConfigureAwait(false);
        }

        Step = Step > WizardStep.Basics ? Step - 1 : WizardStep.Basics;
        return await ShowAsync().ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!Resume())
        {
            return await ExpiredAsync().ConfigureAwait(false);
        }

        try
        {
            Created = await actions.CreateAsync(HttpContext, Current.ToInput(), Current.ExternalId).ConfigureAwait(false);
            // The external ID is whole on this answer only: no cache may keep it.
            Response.Headers.CacheControl = "no-store";
            return Page();
        }
        catch (Exception refused) when (ConnectorRefusals.Of(refused) is { } field)
        {
            Step = ConnectorWizard.StepOf(field.Field);
            Response.StatusCode = field.Field == "" ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            if (Step == WizardStep.Review)
            {
                Error = field.Reason;
            }
            else
            {
                Errors[ConnectorWizard.FieldOf(field.Field)] = field.Reason;
            }

            return await ShowAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The step's bound fields over the draft; false when the draft is missing, changed or expired.</summary>
    private bool Resume()
    {
        if (drafts.Unprotect(HttpContext, Draft) is not { } draft || !Enum.IsDefined(Step))
        {
            return false;
        }

        Current = Step switch
        {
            WizardStep.Basics => draft with { Name = Name ?? "", Description = Description ?? "", Applications = Applications },
            WizardStep.Authentication => draft with
            {
                AccountType = AccountType ?? draft.AccountType, PollingFrequencyHours = PollingFrequencyHours ?? "", RoleArn = RoleArn?.Trim() ?? "",
            },
            WizardStep.Regions => draft with { Regions = Regions },
            WizardStep.Activation => draft with { AssetTags = AssetTags ?? "", AutoActivate = AutoActivate, ZeroTouchSnapshot = ZeroTouchSnapshot },
            _ => draft,
        };
        return true;
    }

    private async Task<IActionResult> ExpiredAsync()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Error = $"The wizard's state is missing, was changed, or is older than {ConnectorDrafts.Lifetime.TotalHours:0} hours: start again.";
        Current = ConnectorDraft.New();
        Step = WizardStep.Basics;
        return await ShowAsync().ConfigureAwait(false);
    }

    /// <summary>What only the subscription's other rows can refuse: a taken name or account, zero-touch before a service account.</summary>
    private async Task CheckClashesAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (Step == WizardStep.Basics && !Errors.ContainsKey("name")
            && await actions.ClashAsync(null, Current.Name, null, ct).ConfigureAwait(false) is { } name)
        {
            Errors["name"] = name.Reason;
        }

        if (Step == WizardStep.Authentication && !Errors.ContainsKey("roleArn")
            && await actions.ClashAsync(null, null, Control.Accounts.RoleArn.Parse(Current.RoleArn, "roleArn").AccountId, ct)
                .ConfigureAwait(false) is { } account)
        {
            Errors["roleArn"] = account.Reason;
        }

        if (Step == WizardStep.Activation && Current.ZeroTouchSnapshot && !await actions.ZeroTouchAllowedAsync(ct).ConfigureAwait(false))
        {
            Errors["zeroTouchSnapshot"] = ConnectorActions.ZeroTouchNeedsServiceAccount;
        }
    }

    private async Task<IActionResult> ShowAsync()
    {
        ZeroTouchAllowed = await actions.ZeroTouchAllowedAsync(HttpContext.RequestAborted).ConfigureAwait(false);
        // A draft that asked for zero-touch before the service account went away cannot keep it.
        if (!ZeroTouchAllowed && Current.ZeroTouchSnapshot && Step != WizardStep.Activation)
        {
            Current = Current with { ZeroTouchSnapshot = false };
        }

        ModelState.Clear();
        return Page();
    }
}
