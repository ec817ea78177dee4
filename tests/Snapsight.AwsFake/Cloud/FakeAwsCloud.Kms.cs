using System.Text.Json;
using System.Text.Json.Nodes;

namespace Snapsight.AwsFake.Cloud;

/// <summary>
/// Minimal KMS on the AWS JSON 1.1 protocol (POST /, X-Amz-Target TrentService.Operation, errors
/// as {"__type", "message"} with status 400): DescribeKey, the one operation the provider calls, to
/// resolve the copy key's alias. Allowed by statement TargetRoleFindsTheKey of the copy key's policy.
/// </summary>
public sealed partial class FakeAwsCloud
{
    private const string KmsTargetPrefix = "TrentService.";

    /// <summary>Answers a KMS request from <paramref name="caller"/> as (status, JSON body).</summary>
    public (int Status, JsonObject Body) Kms(SignedCaller caller, string? target, byte[] body)
    {
        if (target is null || !target.StartsWith(KmsTargetPrefix, StringComparison.Ordinal))
        {
            return KmsError("UnknownOperationException", $"X-Amz-Target '{target}' is not a KMS operation");
        }

        var operation = target[KmsTargetPrefix.Length..];
        if (operation != "DescribeKey")
        {
            Deny("kms:" + operation, "no template grants it");
            return KmsError("AccessDeniedException", $"User: {PrincipalArn(caller)} is not authorized to perform: kms:{operation}");
        }

        string? keyId;
        try
        {
            keyId = JsonNode.Parse(body) is JsonObject request && request["KeyId"] is JsonValue value && value.TryGetValue(out string? id) ? id : null;
        }
        catch (JsonException e)
        {
            return KmsError("SerializationException", e.Message);
        }

        if (string.IsNullOrEmpty(keyId))
        {
            return KmsError("ValidationException", "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
        }

        var account = Identity(caller.AccessKeyId).AccountId;
        FakeKmsKey? key;
        lock (_gate)
        {
            key = FindKey(account, caller.Region, keyId);
        }

        if (key is null)
        {
            return KmsError("NotFoundException", keyId.StartsWith("alias/", StringComparison.Ordinal)
                ? $"Alias arn:aws:kms:{caller.Region}:{account}:{keyId} is not found."
                : $"Key '{keyId}' does not exist");
        }

        // TargetRoleFindsTheKey names the target role alone, with no kms:ViaService: the scanning role's use is through EC2 only.
        var principal = PrincipalArn(caller);
        if (Role(caller)?.AccountId != key.AccountId || !key.Users.Contains(principal))
        {
            var why = $"User: {principal} is not authorized to perform: kms:DescribeKey on resource: {key.Arn} because no resource-based policy allows the kms:DescribeKey action";
            Deny("kms:DescribeKey", why);
            return KmsError("AccessDeniedException", why);
        }

        return (200, new JsonObject
        {
            ["KeyMetadata"] = new JsonObject
            {
                ["AWSAccountId"] = key.AccountId,
                ["KeyId"] = key.KeyId,
                ["Arn"] = key.Arn,
                ["CreationDate"] = key.CreationDate.ToUnixTimeMilliseconds() / 1000.0,
                ["Enabled"] = true,
                ["Description"] = "Snapsight copy-and-share key",
                ["KeyUsage"] = "ENCRYPT_DECRYPT",
                ["KeyState"] = "Enabled",
                ["Origin"] = "AWS_KMS",
                ["KeyManager"] = "CUSTOMER",
                ["CustomerMasterKeySpec"] = "SYMMETRIC_DEFAULT",
                ["KeySpec"] = "SYMMETRIC_DEFAULT",
                ["EncryptionAlgorithms"] = new JsonArray("SYMMETRIC_DEFAULT"),
                ["MultiRegion"] = false,
            },
        });
    }

    public static (int Status, JsonObject Body) KmsError(string type, string message) =>
        (400, new JsonObject { ["__type"] = type, ["message"] = message });
}
