using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Snapsight.Cloud.Aws.Signing;

namespace Snapsight.Cloud.Tests.Aws.Fake;

public sealed partial class FakeEbsServer
{
    /// <summary>
    /// Checks the request's Signature Version 4 the way AWS does: the Authorization header names the
    /// key, scope and signed headers; x-amz-date must be within 15 minutes of now and match the
    /// scope's date; the session token, when the credentials have one, must be sent and signed; the
    /// signature is recomputed from the raw request target, the signed headers as received and the
    /// body's hash. Returns why it fails, or null.
    /// </summary>
    private string? SignatureProblem(HttpListenerContext context, byte[] body)
    {
        var authorization = context.Request.Headers["Authorization"];
        if (authorization is null || AuthorizationPattern().Match(authorization) is not { Success: true } match)
        {
            return "no AWS4-HMAC-SHA256 Authorization header";
        }

        var (key, date, region, service, signedHeaders, signature) =
            (match.Groups["key"].Value, match.Groups["date"].Value, match.Groups["region"].Value, match.Groups["service"].Value,
             match.Groups["signed"].Value, match.Groups["signature"].Value);
        if (key != Credentials.AccessKeyId || region != Region || service != "ebs")
        {
            return $"credential {key}/{region}/{service} is not ours";
        }

        var names = signedHeaders.Split(';');
        var amzDate = context.Request.Headers["x-amz-date"];
        if (!names.Contains("host") || !names.Contains("x-amz-date") || amzDate is null || !amzDate.StartsWith(date, StringComparison.Ordinal)
            || !DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent)
            || (sent - DateTimeOffset.UtcNow).Duration() > TimeSpan.FromMinutes(15))
        {
            return "host and a current x-amz-date must be signed";
        }

        if (Credentials.SessionToken is { } token && (!names.Contains("x-amz-security-token") || context.Request.Headers["x-amz-security-token"] != token))
        {
            return "the session token is missing or not signed";
        }

        var raw = context.Request.RawUrl ?? "/";
        var question = raw.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? raw : raw[..question];
        var query = SigV4HttpSigner.Query(new Uri("http://x" + (question < 0 ? "" : raw[question..])));
        var headers = names.Select(n => new KeyValuePair<string, string>(n, context.Request.Headers[n] ?? "")).ToList();
        var payloadHash = context.Request.Headers["x-amz-content-sha256"] ?? Convert.ToHexStringLower(SHA256.HashData(body));
        var request = new SigV4Request(context.Request.HttpMethod, path, query, headers, payloadHash);
        var expected = SigV4Signer.Signature(request, signedHeaders, Credentials.SecretAccessKey, amzDate, SigV4Signer.Scope(date, region, service));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? null
            : "the signature does not match";
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/,]+)/(?<date>\d{8})/(?<region>[^/,]+)/(?<service>[^/,]+)/aws4_request, ?SignedHeaders=(?<signed>[a-z0-9;-]+), ?Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();
}
