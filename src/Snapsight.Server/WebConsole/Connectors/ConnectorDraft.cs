using Snapsight.Control.Accounts;

namespace Snapsight.Server.WebConsole.Connectors;

/// <summary>
/// A connector being written in the console's wizard, carried from step to step in one protected hidden field
/// (<see cref="ConnectorDrafts"/>), with the external ID the server issued when the wizard opened.
/// </summary>
public sealed record ConnectorDraft
{
    public string Name { get; init; } = "";

    public string Description { get; init; } = "";

    public IReadOnlyList<string> Applications { get; init; } = [nameof(ConnectorApplications.VulnerabilityScanning)];

    public string AccountType { get; init; } = AccountTypes.Name(Control.Accounts.AccountType.Commercial);

    /// <summary>As typed, so that "four" is shown back beside its error rather than lost.</summary>
    public string PollingFrequencyHours { get; init; } = ConnectorRules.DefaultPollingFrequencyHours.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string RoleArn { get; init; } = "";

    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>One <c>key=value</c> a line.</summary>
    public string AssetTags { get; init; } = "";

    public bool AutoActivate { get; init; }

    public bool ZeroTouchSnapshot { get; init; }

    public required string ExternalId { get; init; }

    public static ConnectorDraft New() => new() { ExternalId = ExternalIds.New() };

    /// <summary>The draft as the API's input; an hour count that is not a number is left out (the wizard refuses it first).</summary>
    public ConnectorInput ToInput() => new()
    {
        Name = Name,
        Description = Description,
        Applications = Applications,
        AccountType = AccountType,
        PollingFrequencyHours = int.TryParse(PollingFrequencyHours, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var hours) ? hours : null,
        RoleArn = RoleArn,
        Regions = Regions,
        AssetTags = Tags(AssetTags),
        AutoActivate = AutoActivate,
        ZeroTouchSnapshot = ZeroTouchSnapshot,
    };

    /// <summary>The tag lines as the API's tags: a line without '=' is a key with an empty value; blank lines are skipped.</summary>
    public static IReadOnlyList<AccountTag> Tags(string lines) =>
        [.. lines.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
            .Select(l => l.Split('=', 2)).Select(p => new AccountTag(p[0].Trim(), p.Length > 1 ? p[1].Trim() : ""))];
}
