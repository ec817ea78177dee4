using System.Net;
using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>
/// Maps an EBS direct error answer to a <see cref="CloudErrorCode"/>. The error type comes from
/// the x-amzn-ErrorType header (restJson1), anything after a ':' dropped; the API reference says
/// to retry 5xx, ThrottlingException and RequestThrottledException.
/// </summary>
public static class EbsErrors
{
    public static CloudErrorCode Classify(HttpStatusCode status, string? errorType) => errorType switch
    {
        "ThrottlingException" or "RequestThrottledException" or "ConcurrentLimitExceededException" => CloudErrorCode.Throttled,
        "AccessDeniedException" => CloudErrorCode.AccessDenied,
        "ResourceNotFoundException" => CloudErrorCode.NotFound,
        "ServiceQuotaExceededException" => CloudErrorCode.QuotaExceeded,
        "ValidationException" => CloudErrorCode.InvalidParameter,
        "InternalServerException" => CloudErrorCode.Unavailable,
        _ => status switch
        {
            HttpStatusCode.TooManyRequests => CloudErrorCode.Throttled,
            HttpStatusCode.Forbidden => CloudErrorCode.AccessDenied,
            HttpStatusCode.NotFound => CloudErrorCode.NotFound,
            >= HttpStatusCode.InternalServerError => CloudErrorCode.Unavailable,
            _ => CloudErrorCode.InvalidParameter,
        },
    };

    /// <summary>The error type of a response: the header's value up to any ':', or null.</summary>
    public static string? ErrorType(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amzn-ErrorType", out var values) && values.FirstOrDefault() is { } type
            ? type.Split(':')[0].Trim() is { Length: > 0 and <= 128 } name ? name : null
            : null;
}
