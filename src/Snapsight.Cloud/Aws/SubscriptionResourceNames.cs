using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Snapsight.Cloud.Aws;

/// <summary>
/// The names the target template gives the resources it makes once per subscription in an account
/// (the target role) or in a region of it (the copy key's alias), and by which the provider finds them.
/// Each ends with the subscription's tag value (<see cref="SnapshotTags.SubscriptionValue"/>), so two
/// subscriptions' stacks in one account and region never claim the same name, and a name is fixed per
/// subscription, so any region's stack and the provider can write it without a lookup.
/// </summary>
internal static partial class SubscriptionResourceNames
{
    private const string TargetRolePrefix = "SnapsightTarget-";

    private const string CopyKeyAliasPrefix = "alias/snapsight-scan-copies-";

    /// <summary>The target role's name (IAM allows 64 characters: the prefix and 32 hex digits take 48).</summary>
    public static string TargetRole(string subscriptionTagValue) => TargetRolePrefix + Checked(subscriptionTagValue);

    /// <summary>The copy key's alias in every region the template is deployed in (KMS allows 256 characters of letters, digits, /, _ and -).</summary>
    public static string CopyKeyAlias(string subscriptionTagValue) => CopyKeyAliasPrefix + Checked(subscriptionTagValue);

    /// <summary>Whether <paramref name="text"/> has the form of a subscription tag value: 32 lower-case hex digits.</summary>
    public static bool IsSubscriptionTagValue([NotNullWhen(true)] string? text) => text is not null && TagValuePattern().IsMatch(text);

    // A tag read back from a snapshot is anyone's writing in the target account: only the hash's form makes a name.
    private static string Checked(string subscriptionTagValue) => IsSubscriptionTagValue(subscriptionTagValue)
        ? subscriptionTagValue
        : throw new ArgumentException($"'{subscriptionTagValue}' is not a subscription tag value (32 lower-case hex digits)", nameof(subscriptionTagValue));

    [GeneratedRegex(@"^[0-9a-f]{32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TagValuePattern();
}
