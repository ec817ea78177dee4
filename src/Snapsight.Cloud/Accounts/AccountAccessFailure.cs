namespace Snapsight.Cloud.Accounts;

/// <summary>Why an account's role cannot be used; each has a stable snake_case code (<see cref="AccountAccessFailures.Code"/>).</summary>
public enum AccountAccessFailure
{
    /// <summary>The role does not exist, or does not trust Snapsight (STS AccessDenied on AssumeRole).</summary>
    RoleCannotBeAssumed,

    /// <summary>The role trusts Snapsight with another external ID than the connector's.</summary>
    ExternalIdMismatch,

    /// <summary>The role lacks an action Snapsight needs; the message names it.</summary>
    MissingPermission,

    /// <summary>A region Snapsight should work in is not enabled in the account; the message names it.</summary>
    RegionNotEnabled,

    /// <summary>The role's sessions were revoked or its credentials expired (STS ExpiredToken).</summary>
    TokenExpiredOrRevoked,

    /// <summary>The cloud could not be asked (throttled, unavailable, unreachable): nothing is known yet; register again.</summary>
    CloudUnavailable,
}

public static class AccountAccessFailures
{
    public static string Code(AccountAccessFailure failure) => failure switch
    {
        AccountAccessFailure.RoleCannotBeAssumed => "role_cannot_be_assumed",
        AccountAccessFailure.ExternalIdMismatch => "external_id_mismatch",
        AccountAccessFailure.MissingPermission => "missing_permission",
        AccountAccessFailure.RegionNotEnabled => "region_not_enabled",
        AccountAccessFailure.TokenExpiredOrRevoked => "token_expired_or_revoked",
        AccountAccessFailure.CloudUnavailable => "cloud_unavailable",
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, null),
    };
}
