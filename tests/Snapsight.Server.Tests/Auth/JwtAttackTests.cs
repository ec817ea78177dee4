using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Snapsight.Control;
using Snapsight.Control.Persistence;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Auth;

/// <summary>
/// Forged and broken access tokens, made by hand without any JWT library, against a protected
/// endpoint. The well-formed hand-made token is accepted, so each refusal is due to its one defect.
/// </summary>
public sealed class JwtAttackTests
{
    public static TheoryData<string> Attacks =>
    [
        "alg none", "wrong key", "wrong audience", "wrong issuer", "expired", "not yet valid", "tampered payload",
        "untyped", "id token type", "HS512", "RS256 header", "own key embedded as jwk", "kid and jku to own key",
        "no expiry", "other subscription",
    ];

    [Fact]
    public async Task The_well_formed_hand_made_token_is_accepted()
    {
        var (server, fields) = await SetUpAsync(DatabaseProvider.Sqlite);

        Assert.Equal(HttpStatusCode.OK, await GetWithAsync(server, Token(fields, "none of them")));
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Every_attack_gets_401(string attack)
    {
        foreach (var database in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
        {
            var (server, fields) = await SetUpAsync(database);

            Assert.Equal(HttpStatusCode.Unauthorized, await GetWithAsync(server, Token(fields, attack)));
        }
    }

    [Fact]
    public async Task Key_hints_in_the_header_are_ignored_rather_than_followed()
    {
        var (server, fields) = await SetUpAsync(DatabaseProvider.Sqlite);

        Assert.Equal(HttpStatusCode.OK, await GetWithAsync(server, Token(fields, "kid and jku to elsewhere, signed with the server key")));
    }

    [Fact]
    public async Task Clock_skew_is_at_most_a_minute()
    {
        var (server, fields) = await SetUpAsync(DatabaseProvider.Sqlite);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Assert.Equal(HttpStatusCode.OK, await GetWithAsync(server, Token(fields with { Expires = now - 30 }, "")));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetWithAsync(server, Token(fields with { Expires = now - 90 }, "")));
    }

    private static async Task<(RunningServer, Fields)> SetUpAsync(DatabaseProvider database)
    {
        var server = await SharedServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var issued = HandMadeJwt.Read(await TestTenant.SignInAsync(server, tenant.AdminName, TestTenant.Password)).Payload;
        var key = await File.ReadAllBytesAsync(Path.Combine(server.DataDirectory, ControlSettings.SigningKeyFileName));
        return (server, new Fields(key, (string)issued["sub"]!, tenant.SubscriptionId.ToString(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 600));
    }

    private static async Task<HttpStatusCode> GetWithAsync(RunningServer server, string token)
    {
        using var client = server.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync("api/v1/subscription");
        return response.StatusCode;
    }

    private static string Token(Fields fields, string attack)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "at+jwt" };
        var payload = new JsonObject
        {
            ["iss"] = "snapsight", ["aud"] = "snapsight-api", ["sub"] = fields.User, ["sid"] = fields.Subscription,
            ["role"] = "Admin", ["name"] = "forged", ["iat"] = now, ["nbf"] = now - 5, ["exp"] = fields.Expires,
        };
        var key = fields.Key;
        switch (attack)
        {
            case "alg none":
                header["alg"] = "none";
                return HandMadeJwt.Sign(header, payload, null);
            case "wrong key":
                key = RandomNumberGenerator.GetBytes(32);
                break;
            case "wrong audience":
                payload["aud"] = "someone-else";
                break;
            case "wrong issuer":
                payload["iss"] = "https://evil.example";
                break;
            case "expired":
                payload["exp"] = now - 3600;
                break;
            case "not yet valid":
                payload["nbf"] = now + 3600;
                break;
            case "untyped":
                header.Remove("typ");
                break;
            case "id token type":
                header["typ"] = "JWT";
                break;
            case "HS512":
                header["alg"] = "HS512";
                var signed = HandMadeJwt.Sign(header, payload, null);
                return signed + HandMadeJwt.Encode(HMACSHA512.HashData(key, System.Text.Encoding.ASCII.GetBytes(signed.TrimEnd('.'))));
            case "RS256 header":
                header["alg"] = "RS256";
                break;
            case "own key embedded as jwk":
                key = RandomNumberGenerator.GetBytes(32);
                header["jwk"] = new JsonObject { ["kty"] = "oct", ["k"] = HandMadeJwt.Encode(key) };
                break;
            case "kid and jku to own key":
                key = RandomNumberGenerator.GetBytes(32);
                header["kid"] = "attacker";
                header["jku"] = "https://evil.example/jwks.json";
                break;
            case "kid and jku to elsewhere, signed with the server key":
                header["kid"] = "attacker";
                header["jku"] = "https://evil.example/jwks.json";
                break;
            case "no expiry":
                payload.Remove("exp");
                break;
            case "other subscription":
                payload["sid"] = Guid.NewGuid().ToString();
                break;
            case "tampered payload":
                var honest = HandMadeJwt.Sign(header, payload, key).Split('.');
                payload["sid"] = Guid.NewGuid().ToString();
                var forged = HandMadeJwt.Sign(header, payload, null).Split('.');
                return $"{forged[0]}.{forged[1]}.{honest[2]}";
        }

        return HandMadeJwt.Sign(header, payload, key);
    }

    private sealed record Fields(byte[] Key, string User, string Subscription, long Expires);
}
