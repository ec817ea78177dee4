using System.Text.Json.Nodes;
using CsCheck;
using Snapsight.Cloud.Accounts;
using Snapsight.Cloud.Aws;
using Snapsight.Cloud.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Templates;

/// <summary>
/// The least-privilege promises, checked on the policy documents of generated templates against
/// the request they were made from: who may assume the target role, where every statement
/// applies, and that snapshot actions need our tags.
/// </summary>
public sealed class PolicyTests
{
    private static readonly HashSet<string> SnapshotActions =
    [
        "ec2:CreateSnapshot", "ec2:CreateSnapshots", "ec2:CopySnapshot", "ec2:DeleteSnapshot", "ec2:ModifySnapshotAttribute", "ec2:CreateTags",
        "ebs:ListSnapshotBlocks", "ebs:ListChangedBlocks", "ebs:GetSnapshotBlock",
    ];

    [Fact]
    public void The_target_role_trusts_only_the_scanning_role_with_the_external_id()
    {
        TemplateRequests.Rendered.Sample(rendered =>
        {
            var template = rendered.TargetAccount;
            var partition = AwsPartition.Find(rendered.Request.Partition)!;
            var trust = Resource(template, "TargetRole")["AssumeRolePolicyDocument"]!["Statement"]!.AsArray();
            var statement = Assert.Single(trust)!.AsObject();
            Assert.Equal("Allow", statement["Effect"]!.GetValue<string>());
            Assert.Equal("sts:AssumeRole", statement["Action"]!.GetValue<string>());
            var principal = statement["Principal"]!.AsObject();
            Assert.Equal("AWS", Assert.Single(principal).Key);
            Assert.Equal($"arn:{partition.Name}:iam::{rendered.Trust.ServiceAccountId}:role/{rendered.Request.ScanningRoleName}", principal["AWS"]!.GetValue<string>());
            var condition = statement["Condition"]!.AsObject();
            var externalId = Assert.Single(Assert.Single(condition).Value!.AsObject());
            Assert.Equal("StringEquals", condition.Single().Key);
            Assert.Equal("sts:ExternalId", externalId.Key);
            var parameter = externalId.Value!["Ref"]!.GetValue<string>();
            Assert.Equal(rendered.Trust.ExternalId, template["Parameters"]![parameter]!["Default"]!.GetValue<string>());
            Assert.True(template["Parameters"]![parameter]!["NoEcho"]!.GetValue<bool>());
        }, iter: 30);
    }

    [Fact]
    public void Every_permission_statement_is_limited_to_the_enabled_regions()
    {
        TemplateRequests.Rendered.Sample(rendered =>
        {
            foreach (var (template, regions) in new[] { (rendered.ServiceAccount, rendered.Request.Regions), (rendered.TargetAccount, rendered.Request.TargetRegions) })
            {
                var statements = PermissionStatements(template).ToList();
                Assert.NotEmpty(statements);
                foreach (var statement in statements)
                {
                    var requested = statement["Condition"]?["StringEquals"]?["aws:RequestedRegion"];
                    Assert.True(requested is not null, $"no region condition on {statement.ToJsonString()}");
                    Assert.True(Regions(template, requested!).SetEquals(regions) || IsStackRegionOnly(requested!),
                        $"{statement["Sid"]}: region condition {requested!.ToJsonString()} is not {string.Join(',', regions)}");
                }
            }
        }, iter: 30);
    }

    [Fact]
    public void No_principal_or_action_is_a_wildcard()
    {
        TemplateRequests.Rendered.Sample(rendered =>
        {
            foreach (var (_, template) in rendered.Both)
            {
                foreach (var statement in Statements(template))
                {
                    Assert.True(statement["Principal"] is not JsonValue, $"principal {statement["Principal"]} in {statement.ToJsonString()}");
                    foreach (var principal in statement["Principal"]?.AsObject().Select(p => p.Value!.ToJsonString()) ?? [])
                    {
                        Assert.DoesNotContain("*", principal, StringComparison.Ordinal);
                    }

                    foreach (var action in Actions(statement))
                    {
                        Assert.DoesNotContain("*", action, StringComparison.Ordinal);
                    }
                }
            }
        }, iter: 30);
    }

    [Fact]
    public void Every_snapshot_action_needs_our_tags_and_sharing_goes_only_to_the_service_account()
    {
        TemplateRequests.Rendered.Sample(rendered =>
        {
            var subscription = SnapshotTags.SubscriptionValue(rendered.Request.SubscriptionId);
            foreach (var (name, template) in rendered.Both)
            {
                foreach (var statement in PermissionStatements(template).Where(s => s["Effect"]!.GetValue<string>() == "Allow"))
                {
                    var actions = Actions(statement).Where(SnapshotActions.Contains).ToList();
                    if (actions.Count == 0)
                    {
                        continue;
                    }

                    Assert.DoesNotContain("*", Resources(statement));
                    var equals = statement["Condition"]!["StringEquals"]!;
                    var onSnapshots = Resources(statement).All(r => r.EndsWith(":snapshot/*", StringComparison.Ordinal));
                    if (!onSnapshots)
                    {
                        // Creating a snapshot also touches the volume or instance: allowed there, but the snapshot
                        // statement below is what needs our tags, and the action is then refused without them.
                        Assert.All(actions, a => Assert.StartsWith("ec2:CreateSnapshot", a, StringComparison.Ordinal));
                        continue;
                    }

                    if (actions.Contains("ec2:CreateTags"))
                    {
                        Assert.Equal(["ec2:CreateTags"], actions);
                        if (equals["ec2:CreateAction"] is not null)
                        {
                            continue;
                        }

                        // Tagging after creation (keeping a scanned snapshot): only ours, and only the keeping keys.
                        Assert.Equal(SnapshotTags.KeepingKeys.Order(), statement["Condition"]!["ForAllValues:StringEquals"]!["aws:TagKeys"]!.AsArray()
                            .Select(k => k!.GetValue<string>()).Order());
                    }

                    // Creating and copying make a new snapshot: its request tags must be ours.
                    var prefix = actions.All(a => a.StartsWith("ec2:CreateSnapshot", StringComparison.Ordinal) || a == "ec2:CopySnapshot")
                        ? "aws:RequestTag/" : "aws:ResourceTag/";
                    Assert.Equal(SnapshotTags.ProductValue, equals[prefix + SnapshotTags.Product]?.GetValue<string>());
                    Assert.Equal(subscription, equals[prefix + SnapshotTags.Subscription]?.GetValue<string>());
                    if (actions.Contains("ec2:ModifySnapshotAttribute"))
                    {
                        // Granting or withdrawing: either way only the service account may be named.
                        Assert.Equal(rendered.Trust.ServiceAccountId, (equals["ec2:Add/userId"] ?? equals["ec2:Remove/userId"])?.GetValue<string>());
                    }
                }

                if (name == "cft-t")
                {
                    Assert.Contains(PermissionStatements(template), s => s["Effect"]!.GetValue<string>() == "Deny"
                        && Actions(s).Contains("ec2:ModifySnapshotAttribute")
                        && s["Condition"]!["Null"]?["ec2:Add/group"]?.GetValue<string>() == "false");
                }
            }
        }, iter: 30);
    }

    [Fact]
    public void Every_action_registration_requires_is_allowed_by_the_template_of_its_purpose()
    {
        TemplateRequests.Rendered.Sample(rendered =>
        {
            foreach (var (template, required) in new[]
            {
                (rendered.ServiceAccount, AccountPermissions.Service), (rendered.TargetAccount, AccountPermissions.Target),
                (rendered.TargetAccount, AccountPermissions.ApiAssessment),
            })
            {
                var allowed = PermissionStatements(template).Where(s => s["Effect"]!.GetValue<string>() == "Allow")
                    .SelectMany(Actions).ToHashSet(StringComparer.Ordinal);
                Assert.All(required, action => Assert.Contains(action, allowed));
            }
        }, iter: 10);

        // What the AWS provider calls as the target role beyond one snapshot at a time (docs/aws.md's call table).
        Assert.Contains("ec2:CreateSnapshots", AccountPermissions.Target);
        Assert.Contains("ec2:DescribeSnapshotAttribute", AccountPermissions.Target);
        // Reading in place, the default mode, reads the blocks as the target role.
        Assert.Contains("ebs:GetSnapshotBlock", AccountPermissions.Target);
        Assert.Contains("ebs:ListSnapshotBlocks", AccountPermissions.Target);
    }

    private static JsonObject Resource(JsonObject template, string name) => template["Resources"]![name]!["Properties"]!.AsObject();

    /// <summary>Statements of the roles' permission policies (not their trust policies); one under Fn::If counts as if its condition held.</summary>
    private static IEnumerable<JsonObject> PermissionStatements(JsonObject template) =>
        template["Resources"]!.AsObject()
            .Where(r => r.Value!["Type"]!.GetValue<string>() == "AWS::IAM::Role")
            .SelectMany(r => r.Value!["Properties"]!["Policies"]?.AsArray() ?? [])
            .SelectMany(p => p!["PolicyDocument"]!["Statement"]!.AsArray())
            .Select(s => s!["Fn::If"] is JsonArray when ? when[1]!.AsObject() : s.AsObject());

    /// <summary>Every statement anywhere in the template, trust policies included.</summary>
    private static IEnumerable<JsonObject> Statements(JsonNode? node) => node switch
    {
        JsonObject obj when obj.ContainsKey("Effect") => [obj],
        JsonObject obj => obj.SelectMany(p => Statements(p.Value)),
        JsonArray array => array.SelectMany(Statements),
        _ => [],
    };

    private static IEnumerable<string> Actions(JsonObject statement) => Strings(statement["Action"]);

    private static IEnumerable<string> Resources(JsonObject statement) => Strings(statement["Resource"]);

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.SelectMany(Strings),
        JsonValue value => [value.GetValue<string>()],
        _ => [], // an intrinsic (Fn::GetAtt of our own resource)
    };

    /// <summary>The regions a condition value stands for: a Ref to a list parameter is its default.</summary>
    private static HashSet<string> Regions(JsonObject template, JsonNode requested) =>
        requested is JsonObject { } obj && obj["Ref"] is JsonNode reference && template["Parameters"]![reference.GetValue<string>()] is JsonNode parameter
            ? [.. parameter["Default"]!.GetValue<string>().Split(',')]
            : [];

    // The event forwarding role acts only in the stack's own region, where its rule lives.
    private static bool IsStackRegionOnly(JsonNode requested) =>
        requested is JsonArray { Count: 1 } array && array[0]?["Ref"]?.GetValue<string>() == "AWS::Region";
}
