using System.Net;
using System.Text.Json.Nodes;
using Snapsight.Control;
using Snapsight.Control.Persistence;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Auth;

/// <summary>POST /auth as documented: form fields in, the bearer token out as plain text.</summary>
public sealed class SignInTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_good_sign_in_answers_a_short_lived_typed_jwt_signed_with_the_server_key(DatabaseProvider database)
    {
        var server = await SharedServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        using var client = server.Client();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        using var response = await client.PostAsync("auth", TestTenant.SignInForm(tenant.AdminName, TestTenant.Password));
        var jwt = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var key = await File.ReadAllBytesAsync(Path.Combine(server.DataDirectory, ControlSettings.SigningKeyFileName));
        Assert.True(HandMadeJwt.SignedWith(jwt, key));
        var (header, payload) = HandMadeJwt.Read(jwt);
        Assert.Equal("HS256", (string?)header["alg"]);
        Assert.Equal("at+jwt", (string?)header["typ"]);
        Assert.Equal("snapsight", (string?)payload["iss"]);
        Assert.Equal("snapsight-api", (string?)payload["aud"]);
        Assert.Equal(tenant.SubscriptionId.ToString(), (string?)payload["sid"]);
        var expires = (long)payload["exp"]!;
        Assert.InRange(expires - before, 14 * 60, 15 * 60 + 5);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Wrong_password_and_unknown_user_get_the_same_401(DatabaseProvider database)
    {
        var server = await SharedServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        using var client = server.Client();

        using var wrongPassword = await client.PostAsync("auth", TestTenant.SignInForm(tenant.AdminName, "not the password at all"));
        using var unknownUser = await client.PostAsync("auth", TestTenant.SignInForm("nobody-" + Guid.NewGuid(), TestTenant.Password));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.StatusCode);
        Assert.Equal(Detail(await wrongPassword.Content.ReadAsStringAsync()), Detail(await unknownUser.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Without_token_true_the_request_is_refused_and_says_what_is_missing()
    {
        var server = await SharedServers.For(DatabaseProvider.Sqlite);
        var tenant = await TestTenant.CreateAsync(server);
        using var client = server.Client();

        using var response = await client.PostAsync("auth", new FormUrlEncodedContent(
            [new("username", tenant.AdminName), new("password", TestTenant.Password)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("token=true", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_form_is_refused_without_being_read()
    {
        var server = await SharedServers.For(DatabaseProvider.Sqlite);
        using var client = server.Client();

        using var response = await client.PostAsync("auth", TestTenant.SignInForm("someone", new string('x', 100_000)));

        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, response.StatusCode.ToString());
    }

    private static string? Detail(string problem) => (string?)JsonNode.Parse(problem)!["detail"];
}
