using System.Text.Json.Nodes;

namespace Snapsight.Cloud.Aws.Templates;

/// <summary>
/// CFT-S, deployed once in the subscription's service account, where scanning runs: the scanning
/// role (the one every target role trusts) with an instance profile for the scanner instances,
/// and the call-back registering the service account with the scan schedule and tag filters.
/// </summary>
internal static class ServiceAccountTemplate
{
    public const string Regions = "Regions";
    public const string TargetRegions = "TargetRegions";
    public const string ScanIntervalHours = "ScanIntervalHours";
    public const string ScannerConcurrency = "ScannerConcurrency";
    public const string TagsAll = "TagsAll";
    public const string TagsAny = "TagsAny";
    public const string TagsNone = "TagsNone";
    public const string ExclusionTag = "ExclusionTag";
    public const string ScanningRole = "ScanningRole";
    public const string ScanningInstanceProfile = "ScanningInstanceProfile";

    /// <summary>The scanning role's ARN in the service account: what target roles trust.</summary>
    public static string ScanningRoleArn(ValidatedTemplateRequest request, string serviceAccountId) =>
        $"{request.Partition.ArnPrefix}:iam::{serviceAccountId}:role/{request.ScanningRoleName}";

    public static JsonObject Render(ValidatedTemplateRequest request)
    {
        var parameters = new JsonObject();
        CommonParameters.Add(parameters, request);
        parameters[Regions] = CommonParameters.List(request.Regions, "Regions where Snapsight scans; the scanning role works nowhere else.");
        parameters[TargetRegions] = CommonParameters.List(request.TargetRegions, "Regions of the target accounts' instances.");
        parameters[ScanIntervalHours] = Bounded(request.ScanIntervalHours, TemplateRequest.MinScanIntervalHours,
            TemplateRequest.MaxScanIntervalHours, "Hours between two scans of an instance.");
        parameters[ScannerConcurrency] = Bounded(request.ScannerConcurrency, TemplateRequest.MinScannerConcurrency,
            TemplateRequest.MaxScannerConcurrency, "Snapshots scanned at the same time.");
        parameters[TagsAll] = Tags(request.AllTags, "Scan only instances with every one of these key=value tags (comma-separated).");
        parameters[TagsAny] = Tags(request.AnyTags, "Scan only instances with at least one of these key=value tags (comma-separated; empty: no such filter).");
        parameters[TagsNone] = Tags(request.NoneTags, "Never scan instances with any of these key=value tags (comma-separated).");
        parameters[ExclusionTag] = Tags([request.Exclusion], "The key=value tag that excludes an instance; target roles are denied snapshots of it.");

        var resources = new JsonObject
        {
            [ScanningRole] = Cfn.Resource("AWS::IAM::Role", new JsonObject
            {
                ["RoleName"] = request.ScanningRoleName,
                ["Description"] = "Snapsight scanning role: assumes the target accounts' Snapsight roles and reads the snapshots they share.",
                ["MaxSessionDuration"] = 3600,
                // The scanners run on EC2 instances of this account, through the instance profile below.
                ["AssumeRolePolicyDocument"] = Cfn.TrustPolicy(Cfn.Service("ec2.amazonaws.com")),
                ["Policies"] = new JsonArray(ScanningPolicy(request).ToRolePolicy()),
            }),
            [ScanningInstanceProfile] = Cfn.Resource("AWS::IAM::InstanceProfile", new JsonObject
            {
                ["Roles"] = new JsonArray(Cfn.Ref(ScanningRole)),
            }),
        };
        new RegistrationCallback
        {
            Operation = "register-service-account",
            ResourceType = "Custom::SnapsightServiceAccount",
            Body = new JsonObject
            {
                ["accountId"] = Cfn.Ref(Cfn.AccountId),
                ["schedule"] = Cfn.Sub("rate(${" + ScanIntervalHours + "} hours)"),
                ["tags"] = Cfn.Ref(TagsAll),
                ["tagsAny"] = Cfn.Ref(TagsAny),
                ["tagsNone"] = Cfn.Ref(TagsNone),
                ["exclusionTags"] = Cfn.Ref(ExclusionTag),
                ["regions"] = Cfn.Ref(Regions),
                ["targetRegions"] = Cfn.Ref(TargetRegions),
                ["scannerConcurrency"] = Cfn.Ref(ScannerConcurrency),
                ["eventBasedScanning"] = Cfn.Ref(CommonParameters.EventBasedScanning),
            },
            TagLists = ["tags", "tagsAny", "tagsNone", "exclusionTags"],
            Integers = ["scannerConcurrency"],
            Booleans = ["eventBasedScanning"],
            RegisterAfter = [ScanningRole, ScanningInstanceProfile],
        }.AddTo(resources);

        return new JsonObject
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Description"] = "Snapsight service account (CFT-S): the scanning role that target accounts trust, and this account's registration.",
            ["Parameters"] = parameters,
            ["Resources"] = resources,
            ["Outputs"] = new JsonObject
            {
                ["ScanningRoleArn"] = new JsonObject
                {
                    ["Description"] = "The role every Snapsight target role trusts.",
                    ["Value"] = Cfn.GetAtt(ScanningRole, "Arn"),
                },
                ["ScanningInstanceProfileArn"] = new JsonObject
                {
                    ["Description"] = "The instance profile Snapsight's scanner instances run with.",
                    ["Value"] = Cfn.GetAtt(ScanningInstanceProfile, "Arn"),
                },
            },
        };
    }

    private static RegionScopedPolicy ScanningPolicy(ValidatedTemplateRequest request)
    {
        var arn = request.Partition.ArnPrefix;
        // STS is asked in the scanner's own region (regional endpoints), so the region condition holds for it too.
        return new RegionScopedPolicy("snapsight-scanning", Cfn.Ref(Regions))
            .Allow("AssumeTargetRoles", ["sts:AssumeRole"], $"{arn}:iam::*:role{TargetAccountTemplate.RolePath}*")
            .Allow("DiscoverSharedSnapshots", ["ec2:DescribeSnapshots", "ec2:DescribeRegions"], "*")
            .Allow("ReadOurSharedSnapshots", ["ebs:ListSnapshotBlocks", "ebs:ListChangedBlocks", "ebs:GetSnapshotBlock"],
                $"{arn}:ec2:*::snapshot/*", SnapshotTagConditions.ResourceTagged(request.SubscriptionTagValue))
            // Copy-and-share: a shared copy is read under a target account's copy key, whose policy names this role;
            // a key in another account needs this role's own permission too, and only through EC2 (EBS direct).
            .Allow("DecryptSharedCopiesThroughEc2", CopyKey.DecryptActions, $"{arn}:kms:*:*:key/*", new JsonObject
            {
                ["StringLike"] = new JsonObject { ["kms:ViaService"] = "ec2.*.amazonaws.com" },
            })
            .Allow("GrantSharedCopyKeysToEc2", ["kms:CreateGrant"], $"{arn}:kms:*:*:key/*", new JsonObject
            {
                ["StringLike"] = new JsonObject { ["kms:ViaService"] = "ec2.*.amazonaws.com" },
                ["Bool"] = new JsonObject { ["kms:GrantIsForAWSResource"] = "true" },
            });
    }

    private static JsonObject Bounded(int value, int min, int max, string description) => new()
    {
        ["Type"] = "Number",
        ["MinValue"] = min,
        ["MaxValue"] = max,
        ["Default"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Description"] = description,
    };

    private static JsonObject Tags(IEnumerable<ScanTag> tags, string description) => new()
    {
        ["Type"] = "String",
        ["MaxLength"] = ScanTagList.MaxParameterBytes,
        ["Default"] = string.Join(',', tags),
        ["Description"] = description,
    };
}
