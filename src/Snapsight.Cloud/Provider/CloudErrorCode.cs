namespace Snapsight.Cloud.Provider;

/// <summary>
/// Every way a provider call can fail, in one place, so the scan workflow maps each to a retry or
/// a reason code without knowing the provider. <see cref="CloudErrorCodes.IsTransient"/> says which
/// are worth retrying.
/// </summary>
public enum CloudErrorCode
{
    /// <summary>The account, region, instance or snapshot does not exist, or the caller cannot see it.</summary>
    NotFound,

    /// <summary>The caller may see the resource but not do this to it (a grantee deleting, an unshared read).</summary>
    AccessDenied,

    /// <summary>A malformed identifier, tag or argument: the request can never succeed as written.</summary>
    InvalidParameter,

    /// <summary>The resource is in the wrong state (reading a pending snapshot, snapshotting a terminated instance).</summary>
    InvalidState,

    /// <summary>The provider's request rate limit was hit (EC2 <c>RequestLimitExceeded</c>); transient.</summary>
    Throttled,

    /// <summary>
    /// A quota such as pending snapshots per account or concurrent snapshots per volume is full;
    /// transient, because running snapshots complete and free it.
    /// </summary>
    QuotaExceeded,

    /// <summary>The provider failed on its side (5xx, a read that failed); transient.</summary>
    Unavailable,

    /// <summary>The provider's own data is broken (a malformed instance description): retrying does not help.</summary>
    Corrupt,
}

/// <summary>What the workflow needs to know about each <see cref="CloudErrorCode"/>.</summary>
public static class CloudErrorCodes
{
    /// <summary>Transient codes are retried with capped exponential backoff; the others end the step.</summary>
    public static bool IsTransient(CloudErrorCode code) =>
        code is CloudErrorCode.Throttled or CloudErrorCode.QuotaExceeded or CloudErrorCode.Unavailable;
}
