using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Cloud.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Templates;

/// <summary>
/// CFT-T deployed in every target region (a StackSet, or a stack per region), followed stack by stack:
/// the account-wide resources (the role and the registration) exist in the primary region only, the
/// copy key and event forwarding in every region where they are switched on, no stack refers to a
/// resource it does not make, and every region's copy key names the role the primary region's stack made.
/// </summary>
public sealed partial class TargetTemplateRegionsTests
{
    private const string AccountId = "444455556666";

    private static readonly string[] AccountWide = ["Registration", "RegistrationCallbackFunction", "RegistrationCallbackRole", "TargetRole"];
    private static readonly string[] CopyKeyResources = ["CopyKey", "CopyKeyAlias"];
    private static readonly string[] EventResources = ["InstanceEventsConnection", "InstanceEventsDestination", "InstanceEventsRole", "InstanceEventsRule"];

    [Fact]
    public void Each_region_makes_only_its_share_and_refers_to_nothing_it_does_not_make()
    {
        TemplateRequests.Rendered.Sample(rendered =>
        {
            var template = rendered.TargetAccount;
            var regions = TargetRegions(template);
            var primary = regions[0];
            foreach (var region in regions)
            {
                foreach (var (copyAndShare, events) in new[] { (false, false), (true, false), (false, true), (true, true) })
                {
                    var stack = new StackInstance(template, AccountId, region, Flags(copyAndShare, events));
                    var expected = (region == primary ? AccountWide : [])
                        .Concat(copyAndShare ? CopyKeyResources : [])
                        .Concat(events ? EventResources : [])
                        .Order(StringComparer.Ordinal);
                    Assert.Equal(expected, stack.Created);
                    foreach (var resource in stack.Created)
                    {
                        Assert.All(stack.References(resource), r => Assert.True(stack.Created.Contains(r), $"{resource} in {region} refers to {r}, not made there"));
                    }

                    var output = template["Outputs"]!["TargetRoleArn"]!;
                    Assert.Equal(region == primary, stack.Holds(output["Condition"]!.GetValue<string>()));
                }
            }
        }, iter: 20);
    }

    [Fact]
    public void Every_regions_copy_key_lets_the_role_of_the_primary_region_use_it_and_the_stack_there_names_it_as_it_is()
    {
        TemplateRequests.Rendered.Sample(rendered =>
        {
            var template = rendered.TargetAccount;
            var regions = TargetRegions(template);
            var flags = Flags(copyAndShare: true, events: false);
            var primary = new StackInstance(template, AccountId, regions[0], flags);
            var roleArn = primary.Resolve(new JsonObject { ["Fn::GetAtt"] = new JsonArray("TargetRole", "Arn") })!.GetValue<string>();
            Assert.Equal($"arn:{rendered.Request.Partition}:iam::{AccountId}:role/snapsight/{TargetRoleName(template)}", roleArn);
            var scanningRole = $"arn:{rendered.Request.Partition}:iam::{rendered.Trust.ServiceAccountId}:role/{rendered.Request.ScanningRoleName}";
            foreach (var region in regions)
            {
                var stack = new StackInstance(template, AccountId, region, flags);
                var policy = stack.Resolve(template["Resources"]!["CopyKey"]!["Properties"]!["KeyPolicy"])!;
                var principals = policy["Statement"]!.AsArray().ToDictionary(s => s!["Sid"]!.GetValue<string>(), s => s!["Principal"]!["AWS"]!.GetValue<string>());
                Assert.All(principals.Where(p => p.Key.StartsWith("TargetRole", StringComparison.Ordinal)), p => Assert.Equal(roleArn, p.Value));
                Assert.All(principals.Where(p => p.Key.StartsWith("ScanningRole", StringComparison.Ordinal)), p => Assert.Equal(scanningRole, p.Value));
                Assert.Equal(5, principals.Count(p => p.Key.StartsWith("TargetRole", StringComparison.Ordinal) || p.Key.StartsWith("ScanningRole", StringComparison.Ordinal)));
                // Used only through EC2 in the key's own region.
                Assert.All(policy["Statement"]!.AsArray().Where(s => s!["Condition"] is not null),
                    s => Assert.Equal($"ec2.{region}.amazonaws.com", s!["Condition"]!["StringEquals"]!["kms:ViaService"]!.GetValue<string>()));
            }
        }, iter: 20);
    }

    [Fact]
    public void The_role_name_and_the_copy_key_alias_are_valid_names_of_their_subscription_alone()
    {
        Gen.Select(TemplateRequests.Request, Gen.String[1, 128]).Sample((request, other) =>
        {
            var template = CloudFormationTemplates.TargetAccount(request, TemplateRequests.SimpleTrust());
            var (name, alias) = (TargetRoleName(template), CopyKeyAlias(template));
            Assert.Matches(IamRoleName(), name);
            Assert.Matches(KmsAliasName(), alias);
            Assert.False(alias.StartsWith("alias/aws/", StringComparison.Ordinal), $"{alias} is under the prefix AWS keeps for its own keys");
            // Both carry the subscription's hash, nothing else of the request: two subscriptions' stacks in one account and region claim neither twice.
            var hash = SnapshotTags.SubscriptionValue(request.SubscriptionId);
            Assert.Equal(("SnapsightTarget-" + hash, "alias/snapsight-scan-copies-" + hash), (name, alias));
            var renamed = CloudFormationTemplates.TargetAccount(request with { SubscriptionId = other }, TemplateRequests.SimpleTrust());
            Assert.Equal(other == request.SubscriptionId, name == TargetRoleName(renamed));
            Assert.Equal(other == request.SubscriptionId, alias == CopyKeyAlias(renamed));
        }, iter: 50);
    }

    private static Dictionary<string, string> Flags(bool copyAndShare, bool events) => new()
    {
        ["CopyAndShare"] = copyAndShare ? "true" : "false",
        ["EventBasedScanning"] = events ? "true" : "false",
    };

    private static string[] TargetRegions(JsonObject template) => template["Parameters"]!["TargetRegions"]!["Default"]!.GetValue<string>().Split(',');

    private static string TargetRoleName(JsonObject template) => template["Resources"]!["TargetRole"]!["Properties"]!["RoleName"]!.GetValue<string>();

    private static string CopyKeyAlias(JsonObject template) => template["Resources"]!["CopyKeyAlias"]!["Properties"]!["AliasName"]!.GetValue<string>();

    // KMS's alias name (CreateAlias): 1-256 characters, alias/ then letters, digits, /, _ and -.
    [GeneratedRegex(@"^(?=.{1,256}\z)alias/[A-Za-z0-9/_-]+\z")]
    private static partial Regex KmsAliasName();

    // IAM's RoleName: 1-64 of [\w+=,.@-].
    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]{1,64}$")]
    private static partial Regex IamRoleName();
}
