namespace Snapsight.Control.Accounts;

/// <summary>
/// A connector as the API takes it, on creation (absent fields get their defaults) and on change
/// (absent fields stay as they are). Enumerations are text so a bad one is a 400 naming its field.
/// </summary>
public sealed record ConnectorInput
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    /// <summary><c>VulnerabilityScanning</c>, <c>Cspm</c>.</summary>
    public IReadOnlyList<string>? Applications { get; init; }

    /// <summary><c>commercial</c> (default), <c>govcloud</c>, <c>china</c>.</summary>
    public string? AccountType { get; init; }

    public int? PollingFrequencyHours { get; init; }

    public string? RoleArn { get; init; }

    public IReadOnlyList<string>? Regions { get; init; }

    public IReadOnlyList<AccountTag>? AssetTags { get; init; }

    public bool? AutoActivate { get; init; }

    public bool? ZeroTouchSnapshot { get; init; }
}
