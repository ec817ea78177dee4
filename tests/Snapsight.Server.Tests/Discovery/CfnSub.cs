using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Snapsight.Server.Tests.Discovery;

/// <summary>
/// Resolves a template's <c>Fn::Sub</c> string the way CloudFormation does for a stack deployed
/// with every parameter left at its default (the documented download-and-deploy flow).
/// </summary>
public static partial class CfnSub
{
    public static string Resolve(JsonObject template, JsonNode? value)
    {
        var text = value is JsonObject sub && sub["Fn::Sub"] is JsonValue format ? (string)format!
            : throw new InvalidOperationException($"not an Fn::Sub string: {value?.ToJsonString()}");
        return Reference().Replace(text, m => (string?)template["Parameters"]?[m.Groups[1].Value]?["Default"]
            ?? throw new InvalidOperationException($"Fn::Sub names {m.Groups[1].Value}, which is no parameter with a default"));
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9:]+)\}")]
    private static partial Regex Reference();
}
