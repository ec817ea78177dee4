using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Users;

/// <summary>/api/v1/users: admins create users who can sign in, change and remove them, never the last admin.</summary>
public sealed class UserApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_created_user_signs_in_with_the_given_password_and_is_listed_by_role(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var name = "op-" + Guid.NewGuid().ToString("N")[..8];

        using var created = await tenant.Admin.PostAsJsonAsync("api/v1/users",
            new { username = name, password = "correct horse battery", role = "operator" });
        var token = await TestTenant.SignInAsync(tenant.Server, name, "correct horse battery");
        var operators = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/users?role=Operator"))!;
        var admins = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/users?role=admin"))!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain("correct horse", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEmpty(token);
        Assert.Equal([name], operators["items"]!.AsArray().Select(u => (string)u!["username"]!));
        Assert.Equal([tenant.AdminName], admins["items"]!.AsArray().Select(u => (string)u!["username"]!));
        Assert.Equal("Operator", (string)operators["items"]![0]!["role"]!);
    }

    [Theory]
    [InlineData("{\"username\": \"someone\", \"password\": \"short\", \"role\": \"reader\"}", "at least 12")]
    [InlineData("{\"username\": \"someone\", \"password\": \"long enough password\", \"role\": \"root\"}", "role")]
    [InlineData("{\"username\": \"someone\", \"password\": \"long enough password\", \"role\": 2}", "")]
    [InlineData("{\"username\": \"someone\", \"password\": \"long enough password\", \"role\": \"2\"}", "role")]
    [InlineData("{\"username\": \"\", \"password\": \"long enough password\", \"role\": \"reader\"}", "user name")]
    [InlineData("{\"username\": \"a\\u0000b\", \"password\": \"long enough password\", \"role\": \"reader\"}", "user name")]
    [InlineData("{\"password\": \"long enough password\", \"role\": \"reader\"}", "username")]
    [InlineData("{\"username\": \"someone\", \"role\": \"reader\"}", "password")]
    public async Task Unacceptable_users_are_a_400_naming_why(string body, string because)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));

        using var response = await tenant.Admin.PostAsync("api/v1/users",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(because, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_last_admin_can_be_neither_demoted_disabled_nor_deleted(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var adminId = await IdOfAsync(tenant, tenant.AdminName);

        using var demote = await tenant.Admin.PatchAsJsonAsync($"api/v1/users/{adminId}", new { role = "reader" });
        using var disable = await tenant.Admin.PatchAsJsonAsync($"api/v1/users/{adminId}", new { disabled = true });
        using var delete = await tenant.Admin.DeleteAsync($"api/v1/users/{adminId}");

        foreach (var refused in new[] { demote, disable, delete })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("last enabled admin", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // With a second admin, the first may step down.
        using var second = await tenant.Admin.PostAsJsonAsync("api/v1/users",
            new { username = "second-" + Guid.NewGuid().ToString("N")[..8], password = TestTenant.Password, role = "Admin" });
        using var stepDown = await tenant.Admin.PatchAsJsonAsync($"api/v1/users/{adminId}", new { role = "reader" });
        Assert.Equal(HttpStatusCode.OK, stepDown.StatusCode);
        Assert.Equal("Reader", (string)JsonNode.Parse(await stepDown.Content.ReadAsStringAsync())!["role"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Two_admins_demoting_each_other_at_once_leave_one_admin(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var secondName = "second-" + Guid.NewGuid().ToString("N")[..8];
        (await tenant.Admin.PostAsJsonAsync("api/v1/users", new { username = secondName, password = TestTenant.Password, role = "admin" }))
            .EnsureSuccessStatusCode();
        using var second = tenant.Server.Client();
        second.DefaultRequestHeaders.Authorization = new("Bearer", await TestTenant.SignInAsync(tenant.Server, secondName, TestTenant.Password));
        var firstId = await IdOfAsync(tenant, tenant.AdminName);
        var secondId = await IdOfAsync(tenant, secondName);

        var answers = await Task.WhenAll(
            tenant.Admin.PatchAsJsonAsync($"api/v1/users/{secondId}", new { role = "reader" }),
            second.PatchAsJsonAsync($"api/v1/users/{firstId}", new { role = "reader" }));

        // Whichever ran second found the other already demoted, or was refused as the last admin; never both demoted.
        var admins = JsonNode.Parse(await (answers[0].IsSuccessStatusCode ? tenant.Admin : second).GetStringAsync("api/v1/users?role=admin"))!;
        Assert.Equal(1, (int)admins["total"]!);
        Assert.Contains(answers, a => a.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Disabled_and_deleted_users_lose_access_and_both_are_audited(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var readerName = "reader-" + Guid.NewGuid().ToString("N")[..8];
        using var created = await tenant.Admin.PostAsJsonAsync("api/v1/users", new { username = readerName, password = TestTenant.Password, role = "reader" });
        var readerId = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        using var reader = tenant.Server.Client();
        reader.DefaultRequestHeaders.Authorization = new("Bearer", await TestTenant.SignInAsync(tenant.Server, readerName, TestTenant.Password));

        using var disable = await tenant.Admin.PatchAsJsonAsync($"api/v1/users/{readerId}", new { disabled = true });
        using var afterDisable = await reader.GetAsync("api/v1/subscription");
        using var delete = await tenant.Admin.DeleteAsync($"api/v1/users/{readerId}");
        using var again = await tenant.Admin.DeleteAsync($"api/v1/users/{readerId}");

        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterDisable.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var audit = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/audit?actor={tenant.AdminName}"))!["items"]!.AsArray()
            .Where(e => (string?)e!["target"] == readerName).Select(e => ((string)e!["action"]!, (string?)e["detail"])).ToList();
        Assert.Equal([("user.delete", null), ("user.change", "disabled"), ("user.create", "role Reader")], audit);
    }

    [Fact]
    public async Task Only_admins_manage_users()
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));
        using var @operator = await tenant.UserAsync(UserRole.Operator);

        using var list = await @operator.GetAsync("api/v1/users");
        using var create = await @operator.PostAsJsonAsync("api/v1/users", new { username = "x-" + Guid.NewGuid(), password = TestTenant.Password, role = "admin" });

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    internal static async Task<string> IdOfAsync(TestTenant tenant, string username) =>
        (string)JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/users?limit=500"))!["items"]!.AsArray()
            .Single(u => (string)u!["username"]! == username)!["id"]!;
}
