using System.Net;
using Amazon.Runtime;
using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Aws.Sdk;

/// <summary>
/// Turns what the SDK throws into a <see cref="CloudProviderException"/>. EC2 and STS error codes
/// are those of the EC2 API reference's "Error codes" page and the STS API reference; the SDK's
/// standard retry mode has already retried throttling and 5xx by the time one arrives here.
/// </summary>
internal static class AwsErrors
{
    /// <param name="what">The call and what it was about, for the message.</param>
    /// <param name="resourceId">The instance, snapshot or account the call was about.</param>
    /// <param name="keyIds">The KMS keys of the volumes involved, when known: a key refusal names them.</param>
    public static CloudProviderException Map(AmazonServiceException e, string what, string? resourceId, IReadOnlyCollection<string> keyIds)
    {
        var code = e.ErrorCode ?? "";
        var message = $"{what}: {code} {e.Message}".TrimEnd();
        if (IsKeyRefusal(code, e.Message))
        {
            // Of several keys (a copy's source and destination), the one the message names.
            var named = keyIds.Where(k => e.Message?.Contains(k, StringComparison.Ordinal) == true).ToList();
            var keyId = named.Count == 1 ? named[0] : keyIds.Count == 1 ? keyIds.First() : null;
            return new CloudProviderException(CloudErrorCode.AccessDenied, keyId ?? resourceId,
                $"{message} (the KMS key policy refuses the role{(keyIds.Count > 0 ? ": " + string.Join(", ", keyIds) : "")})", e)
            {
                EncryptionKeyId = keyId,
            };
        }

        return new CloudProviderException(Classify(code, e.StatusCode), resourceId, message, e);
    }

    /// <summary>The SDK could not reach the service (DNS, connection, timeout): transient.</summary>
    public static CloudProviderException Unreachable(Exception e, string what, string? resourceId) =>
        new(CloudErrorCode.Unavailable, resourceId, $"{what}: the service could not be reached: {e.Message}", e);

    public static CloudErrorCode Classify(string code, HttpStatusCode status) => code switch
    {
        "RequestLimitExceeded" or "Throttling" or "ThrottlingException" or "RequestThrottled" or "TooManyRequestsException"
            or "EC2ThrottledException" => CloudErrorCode.Throttled,
        "UnauthorizedOperation" or "AccessDenied" or "AccessDeniedException" or "AuthFailure" or "OptInRequired"
            or "RegionDisabledException" or "ExpiredToken" or "InvalidClientTokenId" => CloudErrorCode.AccessDenied,
        "ConcurrentSnapshotLimitExceeded" or "PendingSnapshotLimitExceeded" or "SnapshotCreationPerVolumeRateExceeded"
            or "SnapshotLimitExceeded" or "ResourceLimitExceeded" => CloudErrorCode.QuotaExceeded,
        "IncorrectState" or "IncorrectInstanceState" or "InvalidSnapshot.InUse" or "InvalidState" => CloudErrorCode.InvalidState,
        "InternalError" or "InternalFailure" or "ServiceUnavailable" or "Unavailable" => CloudErrorCode.Unavailable,
        _ when code.EndsWith(".NotFound", StringComparison.Ordinal) => CloudErrorCode.NotFound,
        _ when code.EndsWith(".Malformed", StringComparison.Ordinal) || code.StartsWith("InvalidParameter", StringComparison.Ordinal)
            || code is "MissingParameter" or "ValidationError" or "MalformedPolicyDocument" => CloudErrorCode.InvalidParameter,
        _ => status switch
        {
            HttpStatusCode.TooManyRequests => CloudErrorCode.Throttled,
            HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => CloudErrorCode.AccessDenied,
            HttpStatusCode.NotFound => CloudErrorCode.NotFound,
            >= HttpStatusCode.InternalServerError => CloudErrorCode.Unavailable,
            _ => CloudErrorCode.InvalidParameter,
        },
    };

    /// <summary>EC2 names KMS failures in the code (KMSKeyNotAccessible…) or, for a refused grant, in the message.</summary>
    private static bool IsKeyRefusal(string code, string? message) =>
        code.Contains("KMS", StringComparison.OrdinalIgnoreCase)
        || (code is "UnauthorizedOperation" or "AccessDenied" && message?.Contains("kms:", StringComparison.OrdinalIgnoreCase) == true);
}
