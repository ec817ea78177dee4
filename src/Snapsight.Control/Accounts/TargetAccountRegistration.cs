namespace Snapsight.Control.Accounts;

/// <summary>
/// CFT-T's call-back body: <c>{"accountId", "roleArn", "regions", "copyAndShare"}</c>; the role ARN, when given, must be
/// the connector's. <paramref name="CopyAndShare"/> is the stack's parameter of that name; null (a registration by hand,
/// or an older template) leaves what the account has recorded.
/// </summary>
public sealed record TargetAccountRegistration(string? AccountId, string? RoleArn, IReadOnlyList<string>? Regions, bool? CopyAndShare = null);
