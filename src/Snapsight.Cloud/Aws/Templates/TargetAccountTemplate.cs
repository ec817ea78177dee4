using System.Text.Json.Nodes;
using Snapsight.Cloud.Accounts;

namespace Snapsight.Cloud.Aws.Templates;

/// <summary>
/// CFT-T, deployed in every account whose instances get scanned: the role the service account's
/// scanning role assumes (with the connector's external ID) to discover instances, snapshot their
/// volumes with our tags, share those snapshots with the service account and delete them again;
/// the call-back registering the account; when event-based scanning is on, the EventBridge rule
/// forwarding instance state changes to the API; and, when copy-and-share is on, the copy key
/// (<see cref="CopyKey"/>) with the role's permission to copy under it.
/// The same template is deployed in every target region (a StackSet, or a stack per region): the
/// account-wide resources (the role, the call-back) only in the first target region, the
/// regional ones (the copy key, event forwarding) wherever it is deployed. The role is named
/// (<see cref="RoleName"/>), so the other regions' key policies can name it without a reference
/// into another stack.
/// </summary>
internal static class TargetAccountTemplate
{
    public const string TargetRegions = "TargetRegions";
    public const string ExternalId = "ExternalId";
    public const string TargetRole = "TargetRole";
    public const string EventBasedScanningOn = "EventBasedScanningOn";
    public const string CopyAndShare = "CopyAndShare";
    public const string CopyAndShareOn = "CopyAndShareOn";
    public const string InPrimaryRegion = "InPrimaryRegion";

    /// <summary>Target roles live under this IAM path, the only roles the scanning role may assume.</summary>
    public const string RolePath = "/snapsight/";

    /// <summary>
    /// The target role's name: one per subscription (its tag value), so two subscriptions' stacks in
    /// one account do not collide, and fixed, so every region's stack can name the role.
    /// </summary>
    public static string RoleName(ValidatedTemplateRequest request) => SubscriptionResourceNames.TargetRole(request.SubscriptionTagValue);

    public static JsonObject Render(ValidatedTemplateRequest request, TargetAccountTrust trust)
    {
        var parameters = new JsonObject();
        CommonParameters.Add(parameters, request);
        parameters[TargetRegions] = CommonParameters.List(request.TargetRegions, "Regions whose instances Snapsight scans; the role works nowhere else.");
        parameters[ExternalId] = new JsonObject
        {
            ["Type"] = "String",
            ["NoEcho"] = true,
            ["AllowedPattern"] = "^[A-Za-z0-9_+=,.@:/-]{2,1224}$",
            ["Default"] = trust.ExternalId,
            ["Description"] = "External ID Snapsight issued for this connector; the scanning role must present it.",
        };

        parameters[CopyAndShare] = CommonParameters.Flag(false,
            "Whether Snapsight copies snapshots under a key of its own in this region and shares only the copies with its service account (copy-and-share) instead of reading them in place.");

        var resources = new JsonObject
        {
            [TargetRole] = Cfn.Resource("AWS::IAM::Role", new JsonObject
            {
                ["RoleName"] = RoleName(request),
                ["Path"] = RolePath,
                ["Description"] = "Assumed by the Snapsight scanning role to snapshot this account's instances.",
                ["MaxSessionDuration"] = 3600,
                ["AssumeRolePolicyDocument"] = Cfn.TrustPolicy(
                    new JsonObject { ["AWS"] = ServiceAccountTemplate.ScanningRoleArn(request, trust.ServiceAccountId) },
                    new JsonObject { ["StringEquals"] = new JsonObject { ["sts:ExternalId"] = Cfn.Ref(ExternalId) } }),
                ["Policies"] = new JsonArray(TargetPolicy(request, trust).ToRolePolicy()),
            }, InPrimaryRegion),
        };
        new RegistrationCallback
        {
            Operation = "register-target-account",
            ResourceType = "Custom::SnapsightTargetAccount",
            Body = new JsonObject
            {
                ["accountId"] = Cfn.Ref(Cfn.AccountId),
                ["roleArn"] = Cfn.GetAtt(TargetRole, "Arn"),
                ["regions"] = Cfn.Ref(TargetRegions),
                // The server reads the account's snapshots as the stack allows: copies only where the copy key is.
                ["copyAndShare"] = Cfn.Ref(CopyAndShare),
            },
            Booleans = ["copyAndShare"],
            Condition = InPrimaryRegion,
        }.AddTo(resources);
        InstanceEventForwarding.AddTo(resources, EventBasedScanningOn);
        // The primary region's key waits for the role through the GetAtt (KMS refuses a policy naming a role that does not exist yet);
        // the other regions' name the role the primary region's stack made.
        var targetRoleArn = new JsonObject
        {
            ["Fn::If"] = new JsonArray(InPrimaryRegion, Cfn.GetAtt(TargetRole, "Arn"), RoleArn(request)),
        };
        CopyKey.AddTo(resources, CopyAndShareOn, SubscriptionResourceNames.CopyKeyAlias(request.SubscriptionTagValue), targetRoleArn,
            ServiceAccountTemplate.ScanningRoleArn(request, trust.ServiceAccountId));

        return new JsonObject
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Description"] = "Snapsight target account (CFT-T): lets the Snapsight service account snapshot and scan this account's instances.",
            ["Parameters"] = parameters,
            ["Conditions"] = new JsonObject
            {
                [EventBasedScanningOn] = Cfn.EqualsTrue(CommonParameters.EventBasedScanning),
                [CopyAndShareOn] = Cfn.EqualsTrue(CopyAndShare),
                // The first target region is the primary one: there the stack makes the account-wide resources.
                [InPrimaryRegion] = new JsonObject { ["Fn::Equals"] = new JsonArray(Cfn.Ref(Cfn.Region), request.TargetRegions[0]) },
            },
            ["Resources"] = resources,
            ["Outputs"] = new JsonObject
            {
                ["TargetRoleArn"] = new JsonObject
                {
                    ["Condition"] = InPrimaryRegion,
                    ["Description"] = "The role Snapsight assumes in this account.",
                    ["Value"] = Cfn.GetAtt(TargetRole, "Arn"),
                },
            },
        };
    }

    /// <summary>The target role's ARN as any region's stack of the account can write it.</summary>
    public static JsonObject RoleArn(ValidatedTemplateRequest request) =>
        Cfn.Sub(request.Partition.ArnPrefix + ":iam::${AWS::AccountId}:role" + RolePath + RoleName(request));

    private static RegionScopedPolicy TargetPolicy(ValidatedTemplateRequest request, TargetAccountTrust trust)
    {
        var arn = request.Partition.ArnPrefix;
        var snapshots = (JsonNode)$"{arn}:ec2:*::snapshot/*";
        var tag = request.SubscriptionTagValue;
        var keys = (JsonNode)Cfn.Sub(arn + ":kms:*:${AWS::AccountId}:key/*");
        var exclusion = new JsonObject
        {
            ["StringEquals"] = new JsonObject { ["ec2:ResourceTag/" + request.Exclusion.Key] = request.Exclusion.Value },
        };
        return new RegionScopedPolicy("snapsight-target", Cfn.Ref(TargetRegions))
            .Allow("Discover", ["ec2:DescribeInstances", "ec2:DescribeVolumes", "ec2:DescribeSnapshots", "ec2:DescribeSnapshotAttribute", "ec2:DescribeImages", "ec2:DescribeRegions"], "*")
            // API-based assessment: the SSM inventory (no resource-level scoping for these reads), never a command on the instance.
            .Allow("ReadSsmInventory", [.. AccountPermissions.ApiAssessment], "*")
            .Allow("SnapshotVolumes", ["ec2:CreateSnapshot", "ec2:CreateSnapshots"],
                new JsonArray($"{arn}:ec2:*:*:volume/*", $"{arn}:ec2:*:*:instance/*"))
            .Allow("CreateOnlyTaggedSnapshots", ["ec2:CreateSnapshot", "ec2:CreateSnapshots"], snapshots.DeepClone(),
                SnapshotTagConditions.RequestTagged(tag))
            .Allow("TagOnlyAtCreation", ["ec2:CreateTags"], snapshots.DeepClone(), new JsonObject
            {
                ["StringEquals"] = new JsonObject { ["ec2:CreateAction"] = new JsonArray("CreateSnapshot", "CreateSnapshots", "CopySnapshot") },
            })
            // Incremental rescans: a scanned snapshot of ours is marked kept, its expiry moved; no other tag, no other snapshot.
            .Allow("KeepOurScannedSnapshots", ["ec2:CreateTags"], snapshots.DeepClone(), SnapshotTagConditions.Retagged(tag))
            .Deny("NeverSnapshotExcluded", ["ec2:CreateSnapshot", "ec2:CreateSnapshots"],
                new JsonArray($"{arn}:ec2:*:*:volume/*", $"{arn}:ec2:*:*:instance/*"), exclusion)
            .Allow("DeleteOurSnapshots", ["ec2:DeleteSnapshot"], snapshots.DeepClone(), SnapshotTagConditions.ResourceTagged(tag))
            .Allow("ReadOurSnapshots", ["ebs:ListSnapshotBlocks", "ebs:ListChangedBlocks", "ebs:GetSnapshotBlock"], snapshots.DeepClone(),
                SnapshotTagConditions.ResourceTagged(tag))
            .Allow("ShareOurSnapshotsWithServiceAccount", ["ec2:ModifySnapshotAttribute"], snapshots.DeepClone(),
                SnapshotTagConditions.ResourceTagged(tag, ("ec2:Add/userId", trust.ServiceAccountId)))
            // Withdrawing the grant once the scan is done (or failed halfway): without it a share could not be undone.
            .Allow("UnshareOurSnapshots", ["ec2:ModifySnapshotAttribute"], snapshots.DeepClone(),
                SnapshotTagConditions.ResourceTagged(tag, ("ec2:Remove/userId", trust.ServiceAccountId)))
            // Copy-and-share only: copies are made tagged ours (the tags of the source, which the provider copies only when ours).
            .AllowWhen(CopyAndShareOn, "CopyIntoTaggedSnapshots", ["ec2:CopySnapshot"], snapshots.DeepClone(), SnapshotTagConditions.RequestTagged(tag))
            // Copying a snapshot under a volume key of the account's own (the default EBS key needs no statement: its policy allows EC2's callers).
            .AllowWhen(CopyAndShareOn, "DecryptVolumeKeysForCopiesThroughEc2", ["kms:Decrypt", "kms:ReEncryptFrom", "kms:DescribeKey"], keys.DeepClone(), VolumeKeysThroughEc2())
            .AllowWhen(CopyAndShareOn, "GrantVolumeKeysToEc2", ["kms:CreateGrant"], keys.DeepClone(), VolumeKeysThroughEc2(grantForAwsResource: true))
            .Deny("NeverSharePublicly", ["ec2:ModifySnapshotAttribute"], snapshots.DeepClone(), new JsonObject
            {
                // Any group at all (the only one is "all", i.e. public) is refused.
                ["Null"] = new JsonObject { ["ec2:Add/group"] = "false" },
            });
    }

    /// <summary>The account's own keys, used only by EC2 on the role's behalf (and only for grants to AWS resources when asked).</summary>
    private static JsonObject VolumeKeysThroughEc2(bool grantForAwsResource = false)
    {
        var condition = new JsonObject
        {
            ["StringLike"] = new JsonObject { ["kms:ViaService"] = "ec2.*.amazonaws.com" },
            ["StringEquals"] = new JsonObject { ["kms:CallerAccount"] = Cfn.Ref(Cfn.AccountId) },
        };
        if (grantForAwsResource)
        {
            condition["Bool"] = new JsonObject { ["kms:GrantIsForAWSResource"] = "true" };
        }

        return condition;
    }
}
