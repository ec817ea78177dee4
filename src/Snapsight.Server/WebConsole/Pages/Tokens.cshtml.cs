using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Snapsight.Control;
using Snapsight.Control.Tokens;
using Snapsight.Server.Api;
using Snapsight.Server.Tokens;

namespace Snapsight.Server.WebConsole.Pages;

/// <summary>
/// Subscription tokens for operators: generate one with a lifetime (its value is shown on the answer
/// to that post and never again), list them, revoke one. Issuing and revoking go through
/// <see cref="SubscriptionTokenActions"/>, audited exactly as the API's calls are.
/// </summary>
[Authorize(Policy = ConsoleSetup.OperatorPolicy)]
public sealed class TokensModel(SubscriptionTokenActions tokens, SubscriptionTokenSettings settings, TimeProvider clock) : PageModel
{
    /// <summary>The lifetimes offered, in days; the server caps at its maximum anyway.</summary>
    public static readonly IReadOnlyList<int> LifetimeDays = [1, 7, 30];

    [BindProperty(SupportsGet = true)]
    public int? Offset { get; set; }

    public Page<SubscriptionTokenEndpoints.TokenView> Tokens { get; private set; } = null!;

    /// <summary>Set on the answer to a generation only.</summary>
    public IssuedSubscriptionToken? Issued { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public TimeSpan MaxLifetime => settings.MaxLifetime;

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostGenerateAsync(int days)
    {
        if (!LifetimeDays.Contains(days))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Error = $"Choose a lifetime of {string.Join(", ", LifetimeDays)} days.";
        }
        else
        {
            try
            {
                Issued = await tokens.IssueAsync(HttpContext, (long)TimeSpan.FromDays(days).TotalSeconds).ConfigureAwait(false);
                // The value is on this answer only: it must not be kept by a cache or shown again on "back".
                Response.Headers.CacheControl = "no-store";
            }
            catch (InvalidFieldException refused)
            {
                Response.StatusCode = StatusCodes.Status400BadRequest;
                Error = refused.Reason;
            }
        }

        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        if (!await tokens.RevokeAsync(HttpContext, id).ConfigureAwait(false))
        {
            return NotFound();
        }

        Message = "The token is revoked: call-backs presenting it are refused from now on.";
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Tokens = await Paging.PageAsync(tokens.Listed(), Offset, Paging.DefaultLimit,
            t => SubscriptionTokenEndpoints.TokenView.Of(t, now), HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
