using System.Globalization;
using System.Text.Json.Nodes;

namespace Snapsight.AwsFake.Cloud;

/// <summary>
/// The Systems Manager actions the target template grants (statement ReadSsmInventory):
/// DescribeInstanceInformation and ListInventoryEntries, in the AWS JSON 1.1 protocol, paginated
/// with opaque tokens. Only a target role's session may call them, in its regions, for its own
/// account's instances; anything else is refused and recorded.
/// </summary>
public sealed partial class FakeAwsCloud
{
    /// <summary>The X-Amz-Target prefix of every SSM action.</summary>
    public const string SsmTargetPrefix = "AmazonSSM.";

    private static readonly string[] SsmActions = ["DescribeInstanceInformation", "ListInventoryEntries"];

    private readonly Dictionary<string, FakeSsmNode> _ssmNodes = new(StringComparer.Ordinal);

    /// <summary>Gives <paramref name="instance"/> a reporting SSM agent with this platform and inventory.</summary>
    public void AddSsmNode(FakeInstance instance, FakeSsmNode node)
    {
        lock (_gate)
        {
            _ssmNodes[instance.Id] = node;
        }
    }

    /// <summary>Answers one SSM action (the X-Amz-Target after its prefix) from <paramref name="caller"/>, or throws <see cref="FakeAwsErrorException"/>.</summary>
    public JsonObject Ssm(SignedCaller caller, string action, JsonObject request)
    {
        var (account, isTarget) = Identity(caller.AccessKeyId);
        if (!SsmActions.Contains(action))
        {
            throw new FakeAwsErrorException(400, "UnknownOperationException", $"The operation {action} is not served here.");
        }

        if (!isTarget || !Regions(caller).Contains(caller.Region))
        {
            Deny("ssm:" + action, $"{(isTarget ? "target" : "scanning")} role of {account} in {caller.Region}");
            throw new FakeAwsErrorException(400, "AccessDeniedException",
                $"User: arn:aws:sts::{account}:assumed-role/snapsight is not authorized to perform: ssm:{action}");
        }

        var nodes = SsmNodesOf(account, caller.Region);
        return action == "DescribeInstanceInformation" ? DescribeInstanceInformation(nodes, request) : ListInventoryEntries(nodes, request);
    }

    private List<(FakeInstance Instance, FakeSsmNode Node)> SsmNodesOf(string account, string region)
    {
        lock (_gate)
        {
            return [.. _instances.Where(i => i.AccountId == account && i.Region == region && _ssmNodes.ContainsKey(i.Id))
                .OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => (i, _ssmNodes[i.Id]))];
        }
    }

    private JsonObject DescribeInstanceInformation(List<(FakeInstance Instance, FakeSsmNode Node)> nodes, JsonObject request)
    {
        nodes = [.. nodes.Where(n => MatchesFilters(n.Instance, request))];
        var (start, size) = SsmPage(request, 5, 50, 50);
        var page = nodes.Skip(start).Take(Math.Min(size, PageLimit)).ToList();
        var answer = new JsonObject
        {
            ["InstanceInformationList"] = new JsonArray([.. page.Select(n => (JsonNode)new JsonObject
            {
                ["InstanceId"] = n.Instance.Id,
                ["PingStatus"] = n.Node.PingStatus,
                // Timestamps are epoch seconds in the JSON protocols.
                ["LastPingDateTime"] = n.Node.CaptureTime.ToUnixTimeSeconds(),
                ["AgentVersion"] = n.Node.AgentVersion,
                ["IsLatestVersion"] = true,
                ["PlatformType"] = n.Node.PlatformType,
                ["PlatformName"] = n.Node.PlatformName,
                ["PlatformVersion"] = n.Node.PlatformVersion,
                ["ResourceType"] = "EC2Instance",
                ["IPAddress"] = n.Instance.PrivateIpAddress?.ToString(),
                ["ComputerName"] = $"ip-{n.Instance.Id[2..]}.internal",
            })]),
        };
        SsmNext(answer, start + page.Count, nodes.Count);
        return answer;
    }

    /// <summary>
    /// The request's <c>Filters</c>, applied before paging as SSM does: only <c>InstanceIds</c> is served
    /// here; any other key is refused, so a caller relying on one fails a test rather than passing untested.
    /// </summary>
    private static bool MatchesFilters(FakeInstance instance, JsonObject request)
    {
        foreach (var filter in (request["Filters"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = (string?)filter["Key"];
            if (key != "InstanceIds")
            {
                throw new FakeAwsErrorException(400, "InvalidFilterKey", $"The filter key {key} is not served by this fake.");
            }

            if (!(filter["Values"] as JsonArray ?? []).Any(v => (string?)v == instance.Id))
            {
                return false;
            }
        }

        return true;
    }

    private JsonObject ListInventoryEntries(List<(FakeInstance Instance, FakeSsmNode Node)> nodes, JsonObject request)
    {
        var instanceId = (string?)request["InstanceId"];
        var typeName = (string?)request["TypeName"];
        if (typeName is not ("AWS:Application" or "AWS:InstanceInformation"))
        {
            throw new FakeAwsErrorException(400, "InvalidTypeNameException", $"The type name {typeName} is not valid.");
        }

        var (instance, node) = nodes.SingleOrDefault(n => n.Instance.Id == instanceId);
        if (node is null)
        {
            throw new FakeAwsErrorException(400, "InvalidInstanceId", $"Instance Id {instanceId} is not valid or not a managed node of this account and region.");
        }

        IReadOnlyList<IReadOnlyDictionary<string, string>> entries = typeName == "AWS:Application" ? node.Applications :
        [
            new Dictionary<string, string>
            {
                ["AgentType"] = "amazon-ssm-agent", ["AgentVersion"] = node.AgentVersion, ["ComputerName"] = $"ip-{instance.Id[2..]}.internal",
                ["InstanceId"] = instance.Id, ["InstanceStatus"] = "Active", ["IpAddress"] = instance.PrivateIpAddress?.ToString() ?? "",
                ["PlatformName"] = node.PlatformName, ["PlatformType"] = node.PlatformType, ["PlatformVersion"] = node.PlatformVersion,
                ["ResourceType"] = "EC2Instance",
            },
        ];
        var (start, size) = SsmPage(request, 1, 50, 50);
        var page = entries.Skip(start).Take(size).ToList();
        var answer = new JsonObject
        {
            ["TypeName"] = typeName,
            ["InstanceId"] = instance.Id,
            ["SchemaVersion"] = typeName == "AWS:Application" ? "1.1" : "1.0",
            ["CaptureTime"] = node.CaptureTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["Entries"] = new JsonArray([.. page.Select(e => (JsonNode)new JsonObject([.. e.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))]))]),
        };
        SsmNext(answer, start + page.Count, entries.Count);
        if (Faults.RepeatNextToken && request["NextToken"] is { } asked)
        {
            answer["NextToken"] = asked.DeepClone();
        }

        return answer;
    }

    /// <summary>Where a page starts (its NextToken, opaque to clients) and how long it may be (MaxResults in the action's range).</summary>
    private static (int Start, int Size) SsmPage(JsonObject request, int min, int max, int size)
    {
        var asked = request["MaxResults"]?.GetValue<int>() ?? size;
        if (asked < min || asked > max)
        {
            throw new FakeAwsErrorException(400, "ValidationException", $"MaxResults must be between {min} and {max}.");
        }

        var token = (string?)request["NextToken"];
        if (token is null)
        {
            return (0, asked);
        }

        return token.StartsWith("ssm-page-", StringComparison.Ordinal) && int.TryParse(token["ssm-page-".Length..], CultureInfo.InvariantCulture, out var start) && start > 0
            ? (start, asked)
            : throw new FakeAwsErrorException(400, "InvalidNextToken", "The specified token is not valid.");
    }

    private static void SsmNext(JsonObject answer, int next, int total)
    {
        if (next < total)
        {
            answer["NextToken"] = "ssm-page-" + next.ToString(CultureInfo.InvariantCulture);
        }
    }
}
