using Snapsight.Cloud.Aws.Templates;
using Snapsight.Control.Accounts;

namespace Snapsight.Server.WebConsole;

/// <summary>The console's account registration forms: a refused field is shown beside it, an outcome in words.</summary>
public static class RegistrationForm
{
    /// <summary>Runs the registration; a field the rules refuse lands in <paramref name="errors"/> (by its API name) and the answer is null.</summary>
    public static async Task<RegistrationOutcome?> RunAsync(Func<Task<RegistrationOutcome>> register, IDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            return await register().ConfigureAwait(false);
        }
        catch (AccountInputException bad)
        {
            errors[bad.Field] = bad.Reason;
        }
        catch (TemplateParameterException bad)
        {
            errors[bad.Field.Split('[')[0]] = bad.Reason;
        }

        return null;
    }

    /// <summary>The outcome as a notice (registered, unchanged) or an error with what to do about it.</summary>
    public static (string? Message, string? Error) Describe(RegistrationOutcome? outcome, string what, string whenRegistered) =>
        outcome?.Result switch
        {
            null => (null, null),
            RegistrationResult.Created or RegistrationResult.Updated => ($"{what} {outcome.Account!.AccountId} is registered: {whenRegistered}", null),
            RegistrationResult.Unchanged => ($"{what} {outcome.Account!.AccountId} was already registered with these settings: nothing changed.", null),
            _ => (null, $"The registration was refused: {outcome.Message}. {RegistrationAdvice.For(outcome.Code!)} (reason code {outcome.Code})"),
        };
}
