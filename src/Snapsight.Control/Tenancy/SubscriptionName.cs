using Snapsight.Control.Persistence;

namespace Snapsight.Control.Tenancy;

/// <summary>What a subscription's name may be, at set-up and when it is changed.</summary>
public static class SubscriptionName
{
    /// <summary>The trimmed name, or null when it is not 1 to <see cref="ControlLimits.NameLength"/> printable characters.</summary>
    public static string? Clean(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Length is 0 or > ControlLimits.NameLength || trimmed.Any(char.IsControl) ? null : trimmed;
    }

    public static string Rule => $"a subscription name needs 1 to {ControlLimits.NameLength} printable characters";
}
