using Microsoft.AspNetCore.Http;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Control;
using Snapsight.Control.Accounts;
using Snapsight.Server.Api;

namespace Snapsight.Server.Accounts;

/// <summary>Turns the account rules' refusals into RFC 7807 answers: a bad field names it, a conflict says what stands in the way; a refused registration carries its reason code.</summary>
internal static class AccountProblems
{
    /// <summary>Runs <paramref name="action"/>, answering 400 naming the field when the input breaks a rule.</summary>
    public static async Task<IResult> CheckedAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (AccountInputException bad)
        {
            return Problems.Invalid(bad.Field, bad.Reason);
        }
        catch (TemplateParameterException bad)
        {
            return Problems.Invalid(bad.Field, bad.Reason);
        }
        catch (InvalidFieldException bad)
        {
            return Problems.Of(bad);
        }
        catch (ConflictException refused)
        {
            return Problems.Of(refused);
        }
    }

    public static IResult Refused(int status, string code, string message) =>
        Results.Problem(statusCode: status, title: "Registration refused", detail: message,
            extensions: new Dictionary<string, object?> { ["code"] = code });

    public static IResult Answer<TView>(RegistrationOutcome outcome, Func<RegisteredAccount, TView> view, string location) =>
        outcome.Result switch
        {
            RegistrationResult.Created => Results.Created(location, view(outcome.Account!)),
            RegistrationResult.Updated => Results.Ok(view(outcome.Account!)),
            RegistrationResult.Unchanged => Results.StatusCode(StatusCodes.Status304NotModified),
            RegistrationResult.NoConnector => Refused(StatusCodes.Status404NotFound, outcome.Code!, outcome.Message!),
            _ => Refused(StatusCodes.Status400BadRequest, outcome.Code!, outcome.Message!),
        };
}
