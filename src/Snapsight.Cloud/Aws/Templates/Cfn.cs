using System.Text.Json.Nodes;

namespace Snapsight.Cloud.Aws.Templates;

/// <summary>CloudFormation intrinsic functions and pseudo parameters as JSON nodes, in their long form.</summary>
internal static class Cfn
{
    public const string AccountId = "AWS::AccountId";
    public const string Region = "AWS::Region";
    public const string NoValue = "AWS::NoValue";

    public static JsonObject Ref(string name) => new() { ["Ref"] = name };

    public static JsonObject Sub(string text) => new() { ["Fn::Sub"] = text };

    public static JsonObject GetAtt(string resource, string attribute) => new() { ["Fn::GetAtt"] = new JsonArray(resource, attribute) };

    public static JsonObject EqualsTrue(string parameter) => new() { ["Fn::Equals"] = new JsonArray(Ref(parameter), "true") };

    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);

    /// <summary>A resource: its type, properties and, when given, the condition it is created under.</summary>
    public static JsonObject Resource(string type, JsonObject properties, string? condition = null)
    {
        var resource = new JsonObject { ["Type"] = type };
        if (condition is not null)
        {
            resource["Condition"] = condition;
        }

        resource["Properties"] = properties;
        return resource;
    }

    /// <summary>An IAM policy document (version 2012-10-17) holding <paramref name="statements"/>.</summary>
    public static JsonObject PolicyDocument(IEnumerable<JsonObject> statements) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray([.. statements]),
    };

    /// <summary>A trust policy letting <paramref name="principal"/> assume the role, under <paramref name="condition"/> when given.</summary>
    public static JsonObject TrustPolicy(JsonObject principal, JsonObject? condition = null)
    {
        var statement = new JsonObject { ["Effect"] = "Allow", ["Principal"] = principal, ["Action"] = "sts:AssumeRole" };
        if (condition is not null)
        {
            statement["Condition"] = condition;
        }

        return PolicyDocument([statement]);
    }

    /// <summary>An AWS service principal, e.g. <c>lambda.amazonaws.com</c>.</summary>
    public static JsonObject Service(string service) => new() { ["Service"] = service };
}
