using System.Text.Json;

namespace Snapsight.Control.Accounts;

/// <summary>
/// CFT-S's call-back body, exactly as the template sends it (docs/control/templates.md):
/// <c>schedule</c> is <c>"rate(N hours)"</c> or a plain number of hours; everything but the account is optional.
/// </summary>
public sealed record ServiceAccountRegistration
{
    public string? AccountId { get; init; }

    public JsonElement? Schedule { get; init; }

    public IReadOnlyList<AccountTag?>? Tags { get; init; }

    public IReadOnlyList<AccountTag?>? TagsAny { get; init; }

    public IReadOnlyList<AccountTag?>? TagsNone { get; init; }

    public IReadOnlyList<AccountTag?>? ExclusionTags { get; init; }

    public IReadOnlyList<string>? Regions { get; init; }

    public IReadOnlyList<string>? TargetRegions { get; init; }

    public int? ScannerConcurrency { get; init; }

    public bool? EventBasedScanning { get; init; }
}
