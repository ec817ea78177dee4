namespace Snapsight.Control.Accounts;

/// <summary>CFT-T's call-back body: <c>{"accountId", "roleArn", "regions"}</c>; the role ARN, when given, must be the connector's.</summary>
public sealed record TargetAccountRegistration(string? AccountId, string? RoleArn, IReadOnlyList<string>? Regions);
