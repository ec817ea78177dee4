using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Server.Tests.Accounts;
using Snapsight.Server.Tests.Support;
using static Snapsight.Server.Tests.Scheduling.ScheduleSteps;

namespace Snapsight.Server.Tests.Discovery;

/// <summary>
/// <c>POST /api/v1/events/instance</c> with an EventBridge EC2 state-change event, presented with
/// a subscription token as the target account's forwarding does: the instance is discovered and due at once.
/// </summary>
[Collection(FakeClockServers.Collection)]
public sealed class InstanceEventTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_launch_event_makes_the_new_instance_an_asset_due_at_once_and_a_start_makes_it_due_again(DatabaseProvider database)
    {
        var (server, clock) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var (callBack, _) = await LocalAccounts.CallBackClientAsync(tenant);
        var accountId = LocalAccounts.NewAccountId();
        var scope = new CloudScope(accountId, "eu-west-1");
        var fleet = new LocalFleet(server);
        await LocalFleet.RegisteredTargetAsync(server, tenant.SubscriptionId, accountId, ["eu-west-1"], autoActivate: true);
        var instance = await fleet.AddInstanceAsync(scope, "10.0.0.1");
        Assert.Empty(await DueAsync(tenant));

        using var launched = await callBack.PostAsync("api/v1/events/instance", LocalAccounts.Json(Event(accountId, "eu-west-1", instance, "running")));

        var text = await launched.Content.ReadAsStringAsync();
        Assert.True(launched.StatusCode == HttpStatusCode.OK, text);
        var answer = JsonNode.Parse(text)!;
        Assert.True((bool)answer["scanRequested"]!);
        Assert.Equal("Activated", (string)answer["activation"]!);
        var assetId = Guid.Parse((string)answer["assetId"]!);
        Assert.Equal([assetId], await DueAsync(tenant));

        // Scanned just now: not due; the instance is stopped and started again: due at once.
        await MarkScannedAsync(tenant, assetId, clock.GetUtcNow());
        Assert.Empty(await DueAsync(tenant));
        clock.Advance(TimeSpan.FromSeconds(1));
        using var started = await callBack.PostAsync("api/v1/events/instance", LocalAccounts.Json(Event(accountId, "eu-west-1", instance, "running")));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.Equal([assetId], await DueAsync(tenant));
        Assert.Equal(2, await TenantScope.RunAsync(tenant, services => services.GetRequiredService<ControlDbContext>().AuditEntries
            .CountAsync(e => e.Action == AuditActions.InstanceEvent && e.Target == $"{accountId}/eu-west-1/{instance}" && e.Succeeded)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Events_for_unknown_accounts_regions_or_instances_are_404_and_malformed_ones_400_naming_the_field(DatabaseProvider database)
    {
        var (server, _) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var (callBack, _) = await LocalAccounts.CallBackClientAsync(tenant);
        var accountId = LocalAccounts.NewAccountId();
        var fleet = new LocalFleet(server);
        await LocalFleet.RegisteredTargetAsync(server, tenant.SubscriptionId, accountId, ["eu-west-1"], autoActivate: true);
        var instance = await fleet.AddInstanceAsync(new CloudScope(accountId, "eu-west-1"), "10.0.0.1");
        var elsewhere = await fleet.AddInstanceAsync(new CloudScope(accountId, "us-east-1"), "10.0.0.2");

        await AnswersAsync(HttpStatusCode.NotFound, null, Event(LocalAccounts.NewAccountId(), "eu-west-1", instance, "running"));
        await AnswersAsync(HttpStatusCode.NotFound, null, Event(accountId, "us-east-1", elsewhere, "running"));
        await AnswersAsync(HttpStatusCode.NotFound, null, Event(accountId, "eu-west-1", "i-0000000000000dead", "running"));
        await AnswersAsync(HttpStatusCode.BadRequest, "account", Event("12345", "eu-west-1", instance, "running"));
        await AnswersAsync(HttpStatusCode.BadRequest, "region", Event(accountId, "../../etc", instance, "running"));
        await AnswersAsync(HttpStatusCode.BadRequest, "detail.instance-id", Event(accountId, "eu-west-1", "i-../x", "running"));
        await AnswersAsync(HttpStatusCode.BadRequest, "detail.instance-id", Event(accountId, "eu-west-1", new string('a', 33), "running"));
        await AnswersAsync(HttpStatusCode.BadRequest, "detail.state", Event(accountId, "eu-west-1", instance, "exploded"));
        await AnswersAsync(HttpStatusCode.BadRequest, "account", "{}");
        // The unknown instance's event polled eu-west-1, which found the real instance there; us-east-1 is not the account's.
        Assert.Single(await DueAsync(tenant));

        async Task AnswersAsync(HttpStatusCode status, string? field, string body)
        {
            using var response = await callBack.PostAsync("api/v1/events/instance", LocalAccounts.Json(body));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{body} → {(int)response.StatusCode} {text}");
            if (field is not null)
            {
                Assert.Equal(field, (string)JsonNode.Parse(text)!["field"]!);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Without_a_token_an_event_is_refused(DatabaseProvider database)
    {
        var (server, _) = await FakeClockServers.For(database);
        using var anonymous = server.Client();
        using var response = await anonymous.PostAsync("api/v1/events/instance",
            LocalAccounts.Json(Event("123456789012", "eu-west-1", "i-0123456789abcdef0", "running")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Past_its_burst_a_subscription_is_answered_429_with_retry_after_and_other_subscriptions_are_not()
    {
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite,
            configure: s => s with { Discovery = s.Discovery with { EventBurst = 3, EventRefillEvery = TimeSpan.FromHours(1) } });
        var (flooding, _) = await LocalAccounts.CallBackClientAsync(await TestTenant.CreateAsync(server));
        var (quiet, _) = await LocalAccounts.CallBackClientAsync(await TestTenant.CreateAsync(server));
        var body = Event(LocalAccounts.NewAccountId(), "eu-west-1", "i-0123456789abcdef0", "running");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await flooding.PostAsync("api/v1/events/instance", LocalAccounts.Json(body)));
        }

        using var other = await quiet.PostAsync("api/v1/events/instance", LocalAccounts.Json(body));

        // The account is unknown (404): the first three were handled, the rest never reached the handler.
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.NotFound, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)],
            answers.Select(a => a.StatusCode));
        Assert.All(answers.Skip(3), a => Assert.Equal("1", a.Headers.RetryAfter?.ToString()));
        Assert.Contains("Too many instance events", await answers[4].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        answers.ForEach(a => a.Dispose());
    }

    /// <summary>The shape of EventBridge's "EC2 Instance State-change Notification", trimmed of fields the endpoint ignores.</summary>
    private static string Event(string account, string region, string instanceId, string state) => new JsonObject
    {
        ["version"] = "0",
        ["detail-type"] = "EC2 Instance State-change Notification",
        ["source"] = "aws.ec2",
        ["account"] = account,
        ["time"] = "2026-11-29T05:00:00Z",
        ["region"] = region,
        ["resources"] = new JsonArray($"arn:aws:ec2:{region}:{account}:instance/{instanceId}"),
        ["detail"] = new JsonObject { ["instance-id"] = instanceId, ["state"] = state },
    }.ToJsonString();
}
