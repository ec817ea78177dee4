using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;
using Snapsight.Control.Identity;
using Snapsight.Server.Auth;

namespace Snapsight.Server.WebConsole.Pages;

/// <summary>
/// The console's sign-in: the same <see cref="SignInService"/> as <c>POST /auth</c>, so the same
/// password check, the same throttle (counted per client and per name together with the API's
/// attempts) and the same audit entries; success sets the console cookie instead of answering a token.
/// </summary>
/// <remarks>
/// The body is bounded by the server's request limit (<c>ServerApp.MaxRequestBodyBytes</c>): the page's
/// antiforgery check reads the form before any per-page limit could apply, and the name and password
/// lengths are checked by the sign-in service before any hashing.
/// </remarks>
[AllowAnonymous]
public sealed class SignInModel(SignInService signIn) : PageModel
{
    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await signIn.SignInAsync(Username ?? "", Password ?? "", RequestActor.Client(HttpContext),
            RequestActor.ThrottleKey(HttpContext), HttpContext.RequestAborted).ConfigureAwait(false);
        Password = null;
        switch (outcome)
        {
            case SignInOutcome.Signed signed:
                await ConsoleAuthentication.SignInAsync(HttpContext, signed.UserId, signed.SubscriptionId).ConfigureAwait(false);
                // Only a page of the console itself: never an address the link that brought the user here chose.
                return ReturnUrl is { } back && Url.IsLocalUrl(back) && back.StartsWith("/console", StringComparison.Ordinal)
                    ? LocalRedirect(back)
                    : RedirectToPage("/Index");
            case SignInOutcome.Throttled throttled:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers[HeaderNames.RetryAfter] =
                    Math.Ceiling(throttled.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                Error = $"Too many failed sign-ins; try again in {Math.Ceiling(throttled.RetryAfter.TotalMinutes):0} minutes.";
                return Page();
            default:
                Response.StatusCode = StatusCodes.Status401Unauthorized;
                Error = "The user name or password is wrong.";
                return Page();
        }
    }
}
