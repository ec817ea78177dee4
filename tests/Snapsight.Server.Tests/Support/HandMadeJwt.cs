using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Snapsight.Server.Tests.Support;

/// <summary>
/// Reads and writes JWTs by hand (base64url JSON and HMAC-SHA256 from the base library), with no
/// JWT library involved: an independent second party to the server's token code.
/// </summary>
public static class HandMadeJwt
{
    public static string Sign(JsonObject header, JsonObject payload, byte[]? key)
    {
        var signingInput = Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = key is null ? "" : Encode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput)));
        return signingInput + "." + signature;
    }

    public static (JsonObject Header, JsonObject Payload) Read(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        return (JsonNode.Parse(Decode(parts[0]))!.AsObject(), JsonNode.Parse(Decode(parts[1]))!.AsObject());
    }

    /// <summary>True when the token's signature is HMAC-SHA256 of its first two parts under <paramref name="key"/>.</summary>
    public static bool SignedWith(string jwt, byte[] key)
    {
        var last = jwt.LastIndexOf('.');
        var expected = Encode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(jwt[..last])));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(jwt[(last + 1)..]));
    }

    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Decode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
