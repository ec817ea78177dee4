using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Persistence;
using Snapsight.Server.Tests.Accounts;
using Snapsight.Server.Tests.Support;
using static Snapsight.Server.Tests.Scheduling.ScheduleSteps;

namespace Snapsight.Server.Tests.Discovery;

/// <summary>
/// Zero-touch events end to end, from the target template the server renders: the rule's event
/// pattern is matched against EC2 state-change events shaped as AWS documents them
/// (monitoring-instance-state-changes in the EC2 user guide), and a matching one is posted to the
/// API destination's endpoint with the connection's header, as EventBridge would deliver it.
/// </summary>
[Collection(FakeClockServers.Collection)]
public sealed class TemplateEventForwardingTests
{
    private const string ApiEndpoint = "https://snapsight.example.com";
    private static readonly string[] EuWest = ["eu-west-1"];

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task An_instance_entering_running_is_forwarded_by_the_rendered_rule_and_is_due_at_once(DatabaseProvider database)
    {
        var (server, _) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var accountId = LocalAccounts.NewAccountId();
        var targetId = await LocalFleet.RegisteredTargetAsync(server, tenant.SubscriptionId, accountId, ["eu-west-1"], autoActivate: true);
        var connectorId = (await LocalFleet.TargetAsync(server, tenant.SubscriptionId, targetId)).ConnectorId;
        var instance = await new LocalFleet(server).AddInstanceAsync(new CloudScope(accountId, "eu-west-1"), "10.0.0.1");
        Assert.Empty(await DueAsync(tenant));

        var forwarding = await RenderedForwardingAsync(tenant, connectorId);

        Assert.False(EventPattern.Matches(forwarding.Pattern, DocumentedEvent(accountId, instance, "pending")));
        Assert.False(EventPattern.Matches(forwarding.Pattern, DocumentedEvent(accountId, instance, "stopped")));
        var running = DocumentedEvent(accountId, instance, "running");
        Assert.True(EventPattern.Matches(forwarding.Pattern, running));
        Assert.Empty(await DueAsync(tenant));

        using var delivered = await forwarding.DeliverAsync(server, running);

        var text = await delivered.Content.ReadAsStringAsync();
        Assert.True(delivered.StatusCode == HttpStatusCode.OK, text);
        var assetId = Guid.Parse((string)JsonNode.Parse(text)!["assetId"]!);
        Assert.Equal([assetId], await DueAsync(tenant));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_delivery_with_another_value_in_the_connections_header_is_refused(DatabaseProvider database)
    {
        var (server, _) = await FakeClockServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var accountId = LocalAccounts.NewAccountId();
        var targetId = await LocalFleet.RegisteredTargetAsync(server, tenant.SubscriptionId, accountId, ["eu-west-1"], autoActivate: true);
        var forwarding = await RenderedForwardingAsync(tenant, (await LocalFleet.TargetAsync(server, tenant.SubscriptionId, targetId)).ConnectorId);

        using var forged = await (forwarding with { HeaderValue = "Bearer " + new string('x', 40) })
            .DeliverAsync(server, DocumentedEvent(accountId, "i-1234567890abcdef0", "running"));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    /// <summary>The example AWS documents for the event, with the <c>version</c> EventBridge's envelope carries.</summary>
    private static JsonObject DocumentedEvent(string account, string instanceId, string state) => new()
    {
        ["version"] = "0",
        ["id"] = "7bf73129-1428-4cd3-a780-95db273d1602",
        ["detail-type"] = "EC2 Instance State-change Notification",
        ["source"] = "aws.ec2",
        ["account"] = account,
        ["time"] = "2021-11-11T21:29:54Z",
        ["region"] = "eu-west-1",
        ["resources"] = new JsonArray($"arn:aws:ec2:eu-west-1:{account}:instance/{instanceId}"),
        ["detail"] = new JsonObject { ["instance-id"] = instanceId, ["state"] = state },
    };

    private static async Task<Forwarding> RenderedForwardingAsync(TestTenant tenant, Guid connectorId)
    {
        using var answer = await tenant.Admin.PostAsJsonAsync("api/v1/templates/target-account", new
        {
            connectorId, serviceAccountId = "123456789012", targetRegions = EuWest, apiEndpoint = ApiEndpoint,
            eventBasedScanning = true,
        });
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, text);
        var template = JsonNode.Parse(text)!.AsObject();
        var resources = template["Resources"]!;
        Assert.Equal("true", (string)template["Parameters"]!["EventBasedScanning"]!["Default"]!);

        var rule = resources["InstanceEventsRule"]!["Properties"]!;
        var target = rule["Targets"]!.AsArray().Single()!;
        Assert.Equal("InstanceEventsDestination", (string)target["Arn"]!["Fn::GetAtt"]![0]!);
        var destination = resources["InstanceEventsDestination"]!["Properties"]!;
        Assert.Equal("POST", (string)destination["HttpMethod"]!);
        Assert.Equal("InstanceEventsConnection", (string)destination["ConnectionArn"]!["Fn::GetAtt"]![0]!);
        var connection = resources["InstanceEventsConnection"]!["Properties"]!;
        Assert.Equal("API_KEY", (string)connection["AuthorizationType"]!);
        var apiKey = connection["AuthParameters"]!["ApiKeyAuthParameters"]!;

        var endpoint = new Uri(CfnSub.Resolve(template, destination["InvocationEndpoint"]));
        Assert.Equal(new Uri(ApiEndpoint).Authority, endpoint.Authority);
        return new Forwarding(rule["EventPattern"]!.AsObject(), endpoint.PathAndQuery.TrimStart('/'), (string)apiKey["ApiKeyName"]!,
            CfnSub.Resolve(template, apiKey["ApiKeyValue"]));
    }

    /// <summary>What the rendered template tells EventBridge: which events, where to, with which header.</summary>
    private sealed record Forwarding(JsonObject Pattern, string Path, string HeaderName, string HeaderValue)
    {
        /// <summary>As an API destination delivers: the whole event as the JSON body, the connection's header added.</summary>
        public async Task<HttpResponseMessage> DeliverAsync(RunningServer server, JsonObject evt)
        {
            using var client = server.Client();
            using var request = new HttpRequestMessage(HttpMethod.Post, Path)
            {
                Content = new StringContent(evt.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation(HeaderName, HeaderValue);
            return await client.SendAsync(request);
        }
    }
}
