using System.Text.Json.Nodes;

namespace Snapsight.Cloud.Aws.Templates;

/// <summary>
/// The copy-and-share mode's customer managed key, created by the target template in each region
/// it is deployed in (keys are regional) only when the mode is chosen: snapshots copied under it can be shared with the service
/// account, which snapshots under the account's default EBS key cannot ("Snapshots encrypted with
/// your default KMS key cannot be shared"). Its policy lets the target role use it through EC2 to
/// encrypt the copies, and the scanning role use it through EC2 (which serves EBS direct reads) to
/// decrypt them; grants only for AWS resources, as the EBS guide advises for kms:CreateGrant.
/// One per subscription in a region, under the subscription's alias, as two subscriptions' stacks may share an account.
/// </summary>
internal static class CopyKey
{
    public const string Key = "CopyKey";
    public const string Alias = "CopyKeyAlias";

    /// <summary>What the target role does with the key, through EC2, to make a copy under it (EBS guide, "Permissions for KMS keys").</summary>
    public static readonly string[] EncryptActions = ["kms:Decrypt", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo"];

    /// <summary>What the scanning role does with the key, through EC2, to read a copy with EBS direct.</summary>
    public static readonly string[] DecryptActions = ["kms:Decrypt", "kms:DescribeKey"];

    /// <summary>Managing the key's life, policy, rotation, tags, alias and grants: never using it.</summary>
    public static readonly string[] AdministrationActions =
    [
        "kms:DescribeKey", "kms:GetKeyPolicy", "kms:PutKeyPolicy", "kms:GetKeyRotationStatus", "kms:EnableKeyRotation", "kms:DisableKeyRotation",
        "kms:EnableKey", "kms:DisableKey", "kms:UpdateKeyDescription", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
        "kms:ListResourceTags", "kms:TagResource", "kms:UntagResource", "kms:ListAliases", "kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias",
        "kms:ListGrants", "kms:RevokeGrant",
    ];

    /// <summary>EC2 in the stack's region, the only service through which either role uses the key.</summary>
    public static JsonObject ThroughEc2() => new()
    {
        ["StringEquals"] = new JsonObject { ["kms:ViaService"] = Cfn.Sub("ec2.${AWS::Region}.amazonaws.com") },
    };

    /// <param name="aliasName">The subscription's alias (<see cref="SubscriptionResourceNames.CopyKeyAlias"/>), by which the provider finds the key.</param>
    public static void AddTo(JsonObject resources, string condition, string aliasName, JsonNode targetRoleArn, JsonNode scanningRoleArn)
    {
        var forAwsResources = ThroughEc2();
        forAwsResources["Bool"] = new JsonObject { ["kms:GrantIsForAWSResource"] = "true" };
        // The alias is written first: npm cfn-lint 1.9.7 (our template oracle) misreads whatever follows a
        // Fn::If that resolves to a Fn::GetAtt, as the key's policy does in the primary region.
        resources[Alias] = Cfn.Resource("AWS::KMS::Alias", new JsonObject
        {
            ["AliasName"] = aliasName,
            ["TargetKeyId"] = Cfn.Ref(Key),
        }, condition);
        resources[Key] = Cfn.Resource("AWS::KMS::Key", new JsonObject
        {
            ["Description"] = "Snapsight copy-and-share: encrypts the scan copies of this account's snapshots shared with the Snapsight service account.",
            ["EnableKeyRotation"] = true,
            ["KeyPolicy"] = Cfn.PolicyDocument(
            [
                // The account administers the key through its own IAM policies (so CloudFormation can update and delete
                // it), but no IAM policy can make the key encrypt or decrypt for anyone but the two roles below.
                Statement("AccountAdministersTheKey", Cfn.Sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root"), AdministrationActions, null),
                Statement("TargetRoleFindsTheKey", targetRoleArn.DeepClone(), ["kms:DescribeKey"], null),
                Statement("TargetRoleEncryptsCopiesThroughEc2", targetRoleArn.DeepClone(), EncryptActions, ThroughEc2()),
                Statement("TargetRoleGrantsToEc2", targetRoleArn.DeepClone(), ["kms:CreateGrant"], (JsonObject)forAwsResources.DeepClone()),
                Statement("ScanningRoleDecryptsCopiesThroughEc2", scanningRoleArn.DeepClone(), DecryptActions, ThroughEc2()),
                Statement("ScanningRoleGrantsToEc2", scanningRoleArn.DeepClone(), ["kms:CreateGrant"], forAwsResources),
            ]),
        }, condition);
    }

    private static JsonObject Statement(string sid, JsonNode principal, IEnumerable<string> actions, JsonObject? condition)
    {
        var statement = new JsonObject
        {
            ["Sid"] = sid,
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["AWS"] = principal },
            ["Action"] = Cfn.Strings(actions),
            ["Resource"] = "*",
        };
        if (condition is not null)
        {
            statement["Condition"] = condition;
        }

        return statement;
    }
}
