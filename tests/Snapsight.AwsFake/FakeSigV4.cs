using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Snapsight.Cloud.Aws.Signing;

namespace Snapsight.AwsFake;

/// <summary>Who signed a request the fakes accepted: the access key, and the region and service of its scope.</summary>
public sealed record SignedCaller(string AccessKeyId, string Region, string Service);

/// <summary>
/// Checks a request's Signature Version 4 the way AWS does, for every fake: the Authorization header
/// names the key, scope and signed headers; x-amz-date must be within 15 minutes of now and match
/// the scope's date; the session token, when the credentials have one, must be sent and signed; the
/// signature is recomputed from the raw request target, the signed headers as received and the
/// body's hash.
/// </summary>
public static partial class FakeSigV4
{
    /// <param name="keys">The credentials of an access key id, or null for a key the fake does not know.</param>
    /// <param name="scopeProblem">Why a region and service are refused (the wrong endpoint), or null.</param>
    public static (SignedCaller? Caller, string? Problem) Verify(
        HttpListenerContext context, byte[] body, Func<string, AwsCredentials?> keys, Func<string, string, string?> scopeProblem)
    {
        var authorization = context.Request.Headers["Authorization"];
        if (authorization is null || AuthorizationPattern().Match(authorization) is not { Success: true } match)
        {
            return (null, "no AWS4-HMAC-SHA256 Authorization header");
        }

        var (key, date, region, service, signedHeaders, signature) =
            (match.Groups["key"].Value, match.Groups["date"].Value, match.Groups["region"].Value, match.Groups["service"].Value,
             match.Groups["signed"].Value, match.Groups["signature"].Value);
        if (keys(key) is not { } credentials)
        {
            return (null, $"the access key {key} is not known");
        }

        if (scopeProblem(region, service) is { } problem)
        {
            return (null, problem);
        }

        var names = signedHeaders.Split(';');
        var amzDate = context.Request.Headers["x-amz-date"];
        if (!names.Contains("host") || !names.Contains("x-amz-date") || amzDate is null || !amzDate.StartsWith(date, StringComparison.Ordinal)
            || !DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent)
            || (sent - DateTimeOffset.UtcNow).Duration() > TimeSpan.FromMinutes(15))
        {
            return (null, "host and a current x-amz-date must be signed");
        }

        if (credentials.SessionToken is { } token && (!names.Contains("x-amz-security-token") || context.Request.Headers["x-amz-security-token"] != token))
        {
            return (null, "the session token is missing or not signed");
        }

        var raw = context.Request.RawUrl ?? "/";
        var question = raw.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? raw : raw[..question];
        var query = SigV4HttpSigner.Query(new Uri("http://x" + (question < 0 ? "" : raw[question..])));
        var headers = names.Select(n => new KeyValuePair<string, string>(n, context.Request.Headers[n] ?? "")).ToList();
        var payloadHash = context.Request.Headers["x-amz-content-sha256"] ?? Convert.ToHexStringLower(SHA256.HashData(body));
        var request = new SigV4Request(context.Request.HttpMethod, path, query, headers, payloadHash);
        var expected = SigV4Signer.Signature(request, signedHeaders, credentials.SecretAccessKey, amzDate, SigV4Signer.Scope(date, region, service));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? (new SignedCaller(key, region, service), null)
            : (null, "the signature does not match");
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/,]+)/(?<date>\d{8})/(?<region>[^/,]+)/(?<service>[^/,]+)/aws4_request, ?SignedHeaders=(?<signed>[a-z0-9;-]+), ?Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();
}
