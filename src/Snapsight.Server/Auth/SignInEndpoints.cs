using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Snapsight.Control.Identity;

namespace Snapsight.Server.Auth;

/// <summary>
/// <c>POST /auth</c> with form fields username, password and token=true answers the access token as
/// plain text, as the documented TotalCloud flow does. Wrong name and wrong password get the same
/// 401; a throttled client or name gets 429 with Retry-After, decided before any hashing.
/// </summary>
public static class SignInEndpoints
{
    /// <summary>A sign-in form is small; a bigger body is refused before it is read.</summary>
    private const long MaxFormBytes = 4096;

    public static void MapSignIn(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/auth", SignInAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxFormBytes))
            .WithTags("Sign-in")
            .WithSummary("Sign in with a user name and password; answers the bearer token as plain text.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] string? username, [FromForm] string? password, [FromForm] string? token,
        HttpContext context, SignInService signIn)
    {
        if (!string.Equals(token, "true", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest,
                detail: "Send token=true with the user name and password to receive a bearer token.");
        }

        var outcome = await signIn.SignInAsync(username ?? "", password ?? "", RequestActor.Client(context), RequestActor.ThrottleKey(context),
            context.RequestAborted).ConfigureAwait(false);
        switch (outcome)
        {
            case SignInOutcome.Signed signed:
                context.Response.Headers.CacheControl = "no-store";
                return Results.Text(signed.AccessToken, "text/plain");
            case SignInOutcome.Throttled throttled:
                context.Response.Headers[HeaderNames.RetryAfter] =
                    Math.Ceiling(throttled.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                    detail: "Too many failed sign-ins; try again later.");
            default:
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized,
                    detail: "The user name or password is wrong.");
        }
    }
}
