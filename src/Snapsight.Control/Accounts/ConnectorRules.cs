using Snapsight.Cloud.Aws.Templates;

namespace Snapsight.Control.Accounts;

/// <summary>
/// "Validate and save": applies a <see cref="ConnectorInput"/> to a connector, field by field, then
/// checks the whole (the role ARN's partition and every region against the account type), throwing
/// <see cref="AccountInputException"/> or <see cref="TemplateParameterException"/> naming the first bad field.
/// </summary>
public static class ConnectorRules
{
    public const int MaxNameLength = Persistence.ControlLimits.NameLength;
    public const int MaxDescriptionLength = 1024;
    public const int MinPollingFrequencyHours = 1;
    public const int MaxPollingFrequencyHours = 24;
    public const int DefaultPollingFrequencyHours = 4;

    /// <summary>Sets every field <paramref name="input"/> gives; on creation the required ones must be there.</summary>
    public static void Apply(Connector connector, ConnectorInput input, bool creating)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(input);
        if (creating)
        {
            connector.AccountType = AccountType.Commercial;
            connector.PollingFrequencyHours = DefaultPollingFrequencyHours;
            _ = input.Name ?? throw new AccountInputException("name", "is required");
            _ = input.Applications ?? throw new AccountInputException("applications", "name at least one of VulnerabilityScanning, Cspm");
            _ = input.RoleArn ?? throw new AccountInputException("roleArn", "is required");
            _ = input.Regions ?? throw new AccountInputException("regions", "name at least one region");
        }

        if (input.Name is { } name)
        {
            connector.Name = CheckText("name", name, 1, MaxNameLength);
        }

        if (input.Description is { } description)
        {
            connector.Description = CheckText("description", description, 0, MaxDescriptionLength);
        }

        if (input.Applications is { } applications)
        {
            connector.Applications = ParseApplications(applications);
        }

        if (input.AccountType is { } type)
        {
            connector.AccountType = AccountTypes.Parse(type)
                ?? throw new AccountInputException("accountType", $"'{type}' is not one of commercial, govcloud, china");
        }

        if (input.PollingFrequencyHours is { } hours)
        {
            connector.PollingFrequencyHours = hours is >= MinPollingFrequencyHours and <= MaxPollingFrequencyHours
                ? hours
                : throw new AccountInputException("pollingFrequencyHours", $"{hours} is outside {MinPollingFrequencyHours} to {MaxPollingFrequencyHours}");
        }

        connector.RoleArn = input.RoleArn ?? connector.RoleArn;
        connector.Regions = input.Regions is { } regions ? [.. regions] : connector.Regions;
        if (input.AssetTags is { } tags)
        {
            connector.AssetTags = AccountTags.Parse("assetTags", tags);
        }

        connector.AutoActivate = input.AutoActivate ?? connector.AutoActivate;
        connector.ZeroTouchSnapshot = input.ZeroTouchSnapshot ?? connector.ZeroTouchSnapshot;
        CheckPartition(connector);
    }

    /// <summary>The role ARN and the regions must both be of the account type's partition.</summary>
    private static void CheckPartition(Connector connector)
    {
        var partition = AccountTypes.Partition(connector.AccountType);
        var arn = RoleArn.Parse(connector.RoleArn, "roleArn");
        if (arn.Partition != partition)
        {
            throw new AccountInputException("roleArn",
                $"is an ARN of partition {arn.Partition}, but the account type {AccountTypes.Name(connector.AccountType)} is partition {partition}");
        }

        connector.AccountId = arn.AccountId;
        connector.Regions = [.. RegionList.Check("regions", connector.Regions, partition)];
    }

    private static ConnectorApplications ParseApplications(IReadOnlyList<string> names)
    {
        var applications = ConnectorApplications.None;
        foreach (var name in names.Take(8))
        {
            applications |= name switch
            {
                nameof(ConnectorApplications.VulnerabilityScanning) => ConnectorApplications.VulnerabilityScanning,
                nameof(ConnectorApplications.Cspm) => ConnectorApplications.Cspm,
                _ => throw new AccountInputException("applications", $"'{name}' is not one of VulnerabilityScanning, Cspm"),
            };
        }

        return applications != ConnectorApplications.None && names.Count <= 8
            ? applications
            : throw new AccountInputException("applications", "name one or both of VulnerabilityScanning, Cspm");
    }

    private static string CheckText(string field, string text, int min, int max)
    {
        if (text.Length < min || text.Length > max)
        {
            throw new AccountInputException(field, $"is {text.Length} characters long; give {min} to {max}");
        }

        // No control characters (a name lands in logs and audit lines); a description may have line breaks.
        return text.Any(c => char.IsControl(c) && !(field == "description" && c is '\n' or '\r' or '\t'))
            ? throw new AccountInputException(field, "has a control character")
            : field == "name" && string.IsNullOrWhiteSpace(text)
                ? throw new AccountInputException(field, "is blank")
                : text;
    }
}
