using Microsoft.AspNetCore.Http.HttpResults;

namespace Snapsight.Server.WebConsole;

/// <summary>
/// Between the console's GET forms and the API's filter readers: an empty field means "any" (a form
/// sends every field), and a filter's refusal is shown as the sentence the API would answer.
/// </summary>
public static class FormValue
{
    public static string? Given(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string Refusal(IResult? problem) =>
        (problem as ProblemHttpResult)?.ProblemDetails.Detail ?? "The filter is not valid.";
}
