using Snapsight.Cloud.Aws.Templates;
using Snapsight.Control;
using Snapsight.Control.Accounts;

namespace Snapsight.Server.WebConsole.Connectors;

/// <summary>
/// Which field belongs to which step, and each step's check: the fields of the step are run through
/// <see cref="ConnectorRules"/> (the API's own rules) one after another, on top of the earlier steps' values and
/// harmless stand-ins for the later ones, so every bad field of the step gets its own sentence. The final creation
/// goes through <see cref="Accounts.ConnectorActions"/> and decides; this only tells the user early.
/// </summary>
public static class ConnectorWizard
{
    private static readonly IReadOnlyDictionary<string, WizardStep> StepOfField = new Dictionary<string, WizardStep>(StringComparer.Ordinal)
    {
        ["name"] = WizardStep.Basics,
        ["description"] = WizardStep.Basics,
        ["applications"] = WizardStep.Basics,
        ["accountType"] = WizardStep.Authentication,
        ["pollingFrequencyHours"] = WizardStep.Authentication,
        ["roleArn"] = WizardStep.Authentication,
        ["regions"] = WizardStep.Regions,
        ["assetTags"] = WizardStep.Activation,
        ["autoActivate"] = WizardStep.Activation,
        ["zeroTouchSnapshot"] = WizardStep.Activation,
    };

    /// <summary>The field an error names, without an index (<c>assetTags[2].tagKey</c> is <c>assetTags</c>).</summary>
    public static string FieldOf(string field) => field.Split('[', '.')[0];

    /// <summary>The step that shows <paramref name="field"/>; the review step for anything else.</summary>
    public static WizardStep StepOf(string field) => StepOfField.GetValueOrDefault(FieldOf(field), WizardStep.Review);

    /// <summary>Every bad field of <paramref name="step"/>, by field name, in plain words; empty when the step is fine.</summary>
    public static Dictionary<string, string> Check(ConnectorDraft draft, WizardStep step)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (step == WizardStep.Authentication && !int.TryParse(draft.PollingFrequencyHours, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            errors["pollingFrequencyHours"] = $"give a whole number of hours, {ConnectorRules.MinPollingFrequencyHours} to {ConnectorRules.MaxPollingFrequencyHours}";
        }

        var given = draft.ToInput();
        var input = StandIns(draft, step);
        foreach (var field in StepOfField.Where(f => f.Value == step).Select(f => f.Key).Where(f => !errors.ContainsKey(f)))
        {
            var withField = With(input, given, field);
            if (Refusal(withField) is { } refused && FieldOf(refused.Field) == field)
            {
                errors[field] = refused.Reason;
            }
            else
            {
                input = withField;
            }
        }

        return errors;
    }

    /// <summary>The rules' first refusal of <paramref name="input"/> as a new connector, or null.</summary>
    public static InvalidFieldException? Refusal(ConnectorInput input)
    {
        try
        {
            ConnectorRules.Apply(new Connector { ExternalId = "" }, input, creating: true);
            return null;
        }
        catch (AccountInputException bad)
        {
            return new InvalidFieldException(bad.Field, bad.Reason);
        }
        catch (TemplateParameterException bad)
        {
            return new InvalidFieldException(bad.Field, bad.Reason);
        }
    }

    /// <summary>The earlier steps' values, and for the required fields of this and later steps a valid stand-in of the chosen partition.</summary>
    private static ConnectorInput StandIns(ConnectorDraft draft, WizardStep step)
    {
        var given = draft.ToInput();
        var type = step >= WizardStep.Authentication ? AccountTypes.Parse(draft.AccountType) ?? AccountType.Commercial : AccountType.Commercial;
        var partition = AccountTypes.Partition(type);
        return new ConnectorInput
        {
            Name = step > WizardStep.Basics ? given.Name : "stand-in",
            Applications = step > WizardStep.Basics ? given.Applications : [nameof(ConnectorApplications.VulnerabilityScanning)],
            AccountType = AccountTypes.Name(type),
            RoleArn = step > WizardStep.Authentication ? given.RoleArn : $"arn:{partition.Name}:iam::000000000000:role/stand-in",
            Regions = step > WizardStep.Regions ? given.Regions : [partition.Regions[0]],
        };
    }

    private static ConnectorInput With(ConnectorInput input, ConnectorInput given, string field) => field switch
    {
        "name" => input with { Name = given.Name },
        "description" => input with { Description = given.Description },
        "applications" => input with { Applications = given.Applications },
        "accountType" => input with { AccountType = given.AccountType },
        "pollingFrequencyHours" => input with { PollingFrequencyHours = given.PollingFrequencyHours },
        "roleArn" => input with { RoleArn = given.RoleArn },
        "regions" => input with { Regions = given.Regions },
        "assetTags" => input with { AssetTags = given.AssetTags },
        "autoActivate" => input with { AutoActivate = given.AutoActivate },
        "zeroTouchSnapshot" => input with { ZeroTouchSnapshot = given.ZeroTouchSnapshot },
        _ => input,
    };
}
