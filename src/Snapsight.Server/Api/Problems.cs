using Microsoft.AspNetCore.Http;
using Snapsight.Control;

namespace Snapsight.Server.Api;

/// <summary>RFC 7807 answers for the cases every endpoint group shares.</summary>
public static class Problems
{
    /// <summary>A request field is wrong; the detail names the field and why.</summary>
    public static IResult Invalid(string field, string reason) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request",
            detail: $"{field}: {reason}.", extensions: new Dictionary<string, object?> { ["field"] = field });

    /// <summary>Not found, or not the caller's to see: the two are not told apart.</summary>
    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No {what} with that id.");

    public static IResult Conflict(string reason, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: reason, extensions: extensions);

    /// <summary>The answer to a refusal from the control plane's services.</summary>
    public static IResult Of(InvalidFieldException refused) => Invalid(refused.Field, refused.Reason);

    public static IResult Of(ConflictException refused) => Conflict(refused.Message);
}
