using System.Security.Cryptography;

namespace Snapsight.Cloud.Aws.Signing;

/// <summary>
/// Signs an <see cref="HttpRequestMessage"/> in place: its host, its x-amz-* headers and its
/// body's hash, at the time the clock gives. Headers the HTTP stack adds on the way out
/// (user agent, connection) are not signed, so a proxy or a different stack cannot break them.
/// </summary>
public static class SigV4HttpSigner
{
    public static async Task SignAsync(
        HttpRequestMessage message, AwsCredentials credentials, string region, string service, DateTimeOffset time,
        CancellationToken cancellationToken)
    {
        var uri = message.RequestUri ?? throw new ArgumentException("the request has no URI", nameof(message));
        var body = message.Content is null ? [] : await message.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        List<KeyValuePair<string, string>> headers = [new("host", uri.IsDefaultPort ? uri.Host : uri.Authority)];
        headers.AddRange(message.Headers
            .Where(h => h.Key.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))));
        var request = new SigV4Request(message.Method.Method, uri.AbsolutePath, Query(uri), headers, Convert.ToHexStringLower(SHA256.HashData(body)));
        foreach (var (name, value) in SigV4Signer.Sign(request, credentials, region, service, time))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>The decoded name/value pairs of a URI's query (a name without '=' has an empty value).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Query(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        return query.Length == 0
            ? []
            : query.Split('&').Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                return equals < 0
                    ? new KeyValuePair<string, string>(Uri.UnescapeDataString(pair), "")
                    : new KeyValuePair<string, string>(Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..]));
            }).ToList();
    }
}
