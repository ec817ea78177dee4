using System.Text.Json.Nodes;
using CsCheck;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Cloud.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Templates;

/// <summary>
/// The copy-and-share key of the target template, checked on generated templates: it exists only
/// when the mode is chosen (off by default), under the alias the provider looks for, rotated; its
/// policy lets nobody but the target role and the scanning role use it, both only through EC2 and
/// grants only for AWS resources, and leaves the account administration without use.
/// </summary>
public sealed class CopyKeyTests
{
    private static readonly HashSet<string> UseActions =
    [
        "kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:CreateGrant",
    ];

    [Fact]
    public void The_key_exists_only_in_copy_and_share_and_only_the_two_roles_use_it_through_ec2()
    {
        TemplateRequests.Rendered.Sample(rendered =>
        {
            var template = rendered.TargetAccount;
            Assert.Equal("false", template["Parameters"]!["CopyAndShare"]!["Default"]!.GetValue<string>());
            Assert.Equal("""{"Fn::Equals":[{"Ref":"CopyAndShare"},"true"]}""", template["Conditions"]!["CopyAndShareOn"]!.ToJsonString());
            var key = template["Resources"]!["CopyKey"]!;
            var alias = template["Resources"]!["CopyKeyAlias"]!;
            Assert.Equal(("AWS::KMS::Key", "CopyAndShareOn"), (key["Type"]!.GetValue<string>(), key["Condition"]!.GetValue<string>()));
            Assert.Equal(("AWS::KMS::Alias", "CopyAndShareOn"), (alias["Type"]!.GetValue<string>(), alias["Condition"]!.GetValue<string>()));
            // The alias of the subscription the provider copies for (AwsCopyAndShareTests finds the key by it).
            Assert.Equal("alias/snapsight-scan-copies-" + SnapshotTags.SubscriptionValue(rendered.Request.SubscriptionId), alias["Properties"]!["AliasName"]!.GetValue<string>());
            Assert.True(key["Properties"]!["EnableKeyRotation"]!.GetValue<bool>());

            var scanningRole = $"arn:{rendered.Request.Partition}:iam::{rendered.Trust.ServiceAccountId}:role/{rendered.Request.ScanningRoleName}";
            // The role, waited for in the primary region's stack, named as it is made in the others' (TargetTemplateRegionsTests resolves both).
            var roleName = "SnapsightTarget-" + SnapshotTags.SubscriptionValue(rendered.Request.SubscriptionId);
            var targetRole = $$"""{"Fn::If":["InPrimaryRegion",{"Fn::GetAtt":["TargetRole","Arn"]},{"Fn::Sub":"arn:{{rendered.Request.Partition}}:iam::${AWS::AccountId}:role/snapsight/{{roleName}}"}]}""";
            var users = new HashSet<string>(StringComparer.Ordinal);
            foreach (var statement in key["Properties"]!["KeyPolicy"]!["Statement"]!.AsArray().Select(s => s!.AsObject()))
            {
                var principal = statement["Principal"]!["AWS"]!;
                var used = Actions(statement).Where(UseActions.Contains).ToList();
                Assert.Equal("Allow", statement["Effect"]!.GetValue<string>());
                if (used.Count == 0)
                {
                    continue;
                }

                var who = principal is JsonValue value ? value.GetValue<string>() : principal.ToJsonString();
                Assert.True(who == scanningRole || who == targetRole, $"{statement["Sid"]} lets {who} use the key");
                users.Add(who);
                Assert.Equal("""{"Fn::Sub":"ec2.${AWS::Region}.amazonaws.com"}""", statement["Condition"]!["StringEquals"]!["kms:ViaService"]!.ToJsonString());
                if (used.Contains("kms:CreateGrant"))
                {
                    Assert.Equal("true", statement["Condition"]!["Bool"]!["kms:GrantIsForAWSResource"]!.GetValue<string>());
                }
            }

            Assert.Equal([scanningRole, targetRole], users.Order(StringComparer.Ordinal));
        }, iter: 20);
    }

    [Fact]
    public void The_target_role_copies_only_in_copy_and_share()
    {
        var template = CloudFormationTemplates.TargetAccount(TemplateRequests.Simple(), TemplateRequests.SimpleTrust());
        var statements = template["Resources"]!["TargetRole"]!["Properties"]!["Policies"]![0]!["PolicyDocument"]!["Statement"]!.AsArray();

        var conditional = statements.Where(s => s!["Fn::If"] is not null).Select(s => s!["Fn::If"]!.AsArray()).ToList();
        Assert.All(conditional, c => Assert.Equal(("CopyAndShareOn", """{"Ref":"AWS::NoValue"}"""), (c[0]!.GetValue<string>(), c[2]!.ToJsonString())));
        var copying = conditional.Select(c => c[1]!.AsObject()).ToList();
        Assert.Contains(copying, s => Actions(s).Contains("ec2:CopySnapshot"));
        Assert.DoesNotContain(statements.Where(s => s!["Fn::If"] is null), s => Actions(s!.AsObject()).Any(a => a == "ec2:CopySnapshot" || a.StartsWith("kms:", StringComparison.Ordinal)));
    }

    private static IEnumerable<string> Actions(JsonObject statement) => statement["Action"] switch
    {
        JsonArray array => array.Select(a => a!.GetValue<string>()),
        JsonValue value => [value.GetValue<string>()],
        _ => [],
    };
}
