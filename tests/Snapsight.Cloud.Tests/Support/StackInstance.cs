using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Snapsight.Cloud.Tests.Support;

/// <summary>
/// What CloudFormation makes of a template in one account and region with some parameters given (the
/// others at their defaults): which conditions hold, which resources and outputs exist, and the values
/// of intrinsics (Ref, Fn::Sub, Fn::If, Fn::Equals, and Fn::GetAtt of an IAM role's Arn, built as IAM
/// builds it from the role's path and name). Just enough of CloudFormation to follow a StackSet's
/// instances region by region.
/// </summary>
public sealed partial class StackInstance(JsonObject template, string accountId, string region, IReadOnlyDictionary<string, string>? parameters = null)
{
    public string Region => region;

    /// <summary>The logical ids of the resources this stack creates.</summary>
    public IReadOnlyList<string> Created => [.. template["Resources"]!.AsObject()
        .Where(r => r.Value!["Condition"] is not JsonValue c || Holds(c.GetValue<string>()))
        .Select(r => r.Key).Order(StringComparer.Ordinal)];

    public bool Holds(string condition) => Truth(template["Conditions"]![condition]!);

    /// <summary>A value with every intrinsic resolved; an unresolvable one throws, naming it.</summary>
    public JsonNode? Resolve(JsonNode? node) => node switch
    {
        JsonObject { Count: 1 } o when o["Ref"] is JsonValue name => Parameter(name.GetValue<string>()),
        JsonObject { Count: 1 } o when o["Fn::Sub"] is JsonValue text => SubVariable().Replace(text.GetValue<string>(), m => Scalar(Parameter(m.Groups[1].Value))),
        JsonObject { Count: 1 } o when o["Fn::If"] is JsonArray choice => Resolve(Holds(choice[0]!.GetValue<string>()) ? choice[1] : choice[2]),
        JsonObject { Count: 1 } o when o["Fn::GetAtt"] is JsonArray target => Attribute(target[0]!.GetValue<string>(), target[1]!.GetValue<string>()),
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Resolve)]),
        _ => node?.DeepClone(),
    };

    /// <summary>The resources a resource refers to (Ref, Fn::GetAtt, DependsOn), in the branches of Fn::If this stack takes.</summary>
    public IReadOnlyList<string> References(string resource)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var node = template["Resources"]![resource]!;
        Walk(node["Properties"], found);
        switch (node["DependsOn"])
        {
            case JsonValue one:
                found.Add(one.GetValue<string>());
                break;
            case JsonArray many:
                found.UnionWith(many.Select(d => d!.GetValue<string>()));
                break;
        }

        return [.. found];
    }

    private void Walk(JsonNode? node, SortedSet<string> found)
    {
        var resources = template["Resources"]!.AsObject();
        switch (node)
        {
            case JsonObject { Count: 1 } o when o["Fn::If"] is JsonArray choice:
                Walk(Holds(choice[0]!.GetValue<string>()) ? choice[1] : choice[2], found);
                break;
            case JsonObject { Count: 1 } o when o["Ref"] is JsonValue name && resources.ContainsKey(name.GetValue<string>()):
                found.Add(name.GetValue<string>());
                break;
            case JsonObject { Count: 1 } o when o["Fn::GetAtt"] is JsonArray target:
                found.Add(target[0]!.GetValue<string>());
                break;
            case JsonObject { Count: 1 } o when o["Fn::Sub"] is JsonValue text:
                found.UnionWith(SubVariable().Matches(text.GetValue<string>()).Select(m => m.Groups[1].Value.Split('.')[0]).Where(resources.ContainsKey));
                break;
            case JsonObject o:
                foreach (var (_, value) in o)
                {
                    Walk(value, found);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Walk(item, found);
                }

                break;
        }
    }

    private bool Truth(JsonNode condition) => condition switch
    {
        JsonObject o when o["Fn::Equals"] is JsonArray pair => Scalar(Resolve(pair[0])) == Scalar(Resolve(pair[1])),
        JsonObject o when o["Fn::Not"] is JsonArray one => !Truth(one[0]!),
        JsonObject o when o["Fn::And"] is JsonArray all => all.All(c => Truth(c!)),
        JsonObject o when o["Fn::Or"] is JsonArray any => any.Any(c => Truth(c!)),
        JsonObject o when o["Condition"] is JsonValue name => Holds(name.GetValue<string>()),
        _ => throw new InvalidOperationException($"condition {condition.ToJsonString()} is not understood here"),
    };

    private JsonNode Parameter(string name) => name switch
    {
        "AWS::AccountId" => accountId,
        "AWS::Region" => region,
        "AWS::Partition" => Partition(region),
        _ when parameters?.TryGetValue(name, out var given) == true => given,
        _ when template["Parameters"]?[name] is JsonObject declared => declared["Type"]!.GetValue<string>() == "CommaDelimitedList"
            ? new JsonArray([.. declared["Default"]!.GetValue<string>().Split(',').Select(v => (JsonNode)v)])
            : declared["Default"]!.GetValue<string>(),
        _ => throw new InvalidOperationException($"Ref {name}: no parameter of that name, and resources are not resolved here"),
    };

    private string Attribute(string resource, string attribute)
    {
        var node = template["Resources"]![resource]!;
        if (node["Type"]!.GetValue<string>() != "AWS::IAM::Role" || attribute != "Arn" || node["Properties"]!["RoleName"] is null)
        {
            throw new InvalidOperationException($"Fn::GetAtt {resource}.{attribute} is not resolved here");
        }

        var properties = node["Properties"]!;
        var path = properties["Path"] is JsonNode p ? Scalar(Resolve(p)) : "/";
        return $"arn:{Partition(region)}:iam::{accountId}:role{path}{Scalar(Resolve(properties["RoleName"]))}";
    }

    private static string Partition(string region) =>
        region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn" : "aws";

    private static string Scalar(JsonNode? node) => node is JsonValue value ? value.ToString() : throw new InvalidOperationException($"{node?.ToJsonString()} is not a scalar");

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex SubVariable();
}
