using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Snapsight.Cloud.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Templates;

/// <summary>
/// Every resource type, property and attribute the templates use exists in the CloudFormation
/// resource specification (@aws-cdk/cfnspec), with every required property present and every
/// value of the kind the specification gives; every Ref, GetAtt and Condition names something
/// that exists, and so does every DependsOn.
/// </summary>
public sealed class ResourceSpecificationTests
{
    private static readonly HashSet<string> PseudoParameters = ["AWS::AccountId", "AWS::Region", "AWS::Partition", "AWS::StackName", "AWS::StackId", "AWS::URLSuffix", "AWS::NoValue"];

    [Fact]
    public void Every_resource_and_property_is_in_the_specification()
    {
        TemplateRequests.Rendered.Sample(rendered =>
        {
            foreach (var (name, template) in rendered.Both)
            {
                var errors = new List<string>();
                CheckTemplate(template, errors);
                Assert.True(errors.Count == 0, $"{name}:\n{string.Join('\n', errors)}");
            }
        }, iter: 40);
    }

    [Fact]
    public void The_check_finds_an_unknown_property_a_missing_required_one_and_a_dangling_reference()
    {
        var template = Snapsight.Cloud.Aws.Templates.CloudFormationTemplates.TargetAccount(TemplateRequests.Simple(), TemplateRequests.SimpleTrust());
        var role = template["Resources"]!["TargetRole"]!["Properties"]!.AsObject();
        role["RoleDescription"] = "not a property";
        role.Remove("AssumeRolePolicyDocument");
        template["Resources"]!["Registration"]!["Properties"]!["Token"] = new JsonObject { ["Ref"] = "NoSuchParameter" };
        var errors = new List<string>();
        CheckTemplate(template, errors);
        Assert.Contains(errors, e => e.Contains("RoleDescription", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("AssumeRolePolicyDocument", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("NoSuchParameter", StringComparison.Ordinal));
    }

    private static void CheckTemplate(JsonObject template, List<string> errors)
    {
        var spec = TemplateTools.Specification;
        var resources = template["Resources"]!.AsObject();
        var parameters = template["Parameters"]?.AsObject() ?? [];
        var conditions = template["Conditions"]?.AsObject() ?? [];
        foreach (var (logicalId, node) in resources)
        {
            var resource = node!.AsObject();
            var type = resource["Type"]!.GetValue<string>();
            var isCustom = type.StartsWith("Custom::", StringComparison.Ordinal);
            // A Custom:: type is an AWS::CloudFormation::CustomResource whose other properties are the provider's own.
            var specType = isCustom ? "AWS::CloudFormation::CustomResource" : type;
            if (spec["ResourceTypes"]![specType] is not JsonObject resourceSpec)
            {
                errors.Add($"{logicalId}: type {type} is not in the specification");
                continue;
            }

            if (resource["Condition"] is JsonNode condition && !conditions.ContainsKey(condition.GetValue<string>()))
            {
                errors.Add($"{logicalId}: condition {condition} is not defined");
            }

            foreach (var dependency in resource["DependsOn"]?.AsArray() ?? [])
            {
                if (!resources.ContainsKey(dependency!.GetValue<string>()))
                {
                    errors.Add($"{logicalId}: DependsOn names {dependency}, which is not a resource");
                }
            }

            CheckProperties($"{logicalId}", specType, resourceSpec, resource["Properties"]!.AsObject(), allowExtra: isCustom, errors);
        }

        foreach (var (path, reference) in References(template, "$"))
        {
            CheckReference(path, reference, parameters, resources, spec, errors);
        }
    }

    private static void CheckProperties(string path, string resourceType, JsonObject typeSpec, JsonObject properties, bool allowExtra, List<string> errors)
    {
        var propertySpecs = typeSpec["Properties"]?.AsObject() ?? [];
        foreach (var (name, propertySpec) in propertySpecs)
        {
            if (propertySpec!["Required"]?.GetValue<bool>() == true && !properties.ContainsKey(name))
            {
                errors.Add($"{path}: required property {name} is missing");
            }
        }

        foreach (var (name, value) in properties)
        {
            if (propertySpecs[name] is not JsonObject propertySpec)
            {
                if (!allowExtra)
                {
                    errors.Add($"{path}: property {name} is not in the specification");
                }

                continue;
            }

            CheckValue($"{path}.{name}", resourceType, propertySpec, value, errors);
        }
    }

    private static void CheckValue(string path, string resourceType, JsonObject propertySpec, JsonNode? value, List<string> errors)
    {
        if (IsIntrinsic(value))
        {
            return;
        }

        var type = propertySpec["Type"]?.GetValue<string>();
        if (type is "List" or "Map")
        {
            var items = type == "List"
                ? (value as JsonArray)?.ToList()
                : (value as JsonObject)?.Select(p => p.Value).ToList();
            if (items is null)
            {
                errors.Add($"{path}: expected a {type}, found {value?.GetValueKind()}");
                return;
            }

            var itemSpec = new JsonObject();
            if (propertySpec["PrimitiveItemType"] is JsonNode primitive)
            {
                itemSpec["PrimitiveType"] = primitive.DeepClone();
            }
            else if (propertySpec["ItemType"] is JsonNode itemType)
            {
                itemSpec["Type"] = itemType.DeepClone();
            }

            foreach (var item in items)
            {
                CheckValue(path + "[]", resourceType, itemSpec, item, errors);
            }
        }
        else if (type is not null)
        {
            var propertyTypeName = $"{resourceType}.{type}";
            if (TemplateTools.Specification["PropertyTypes"]![propertyTypeName] is not JsonObject propertyType)
            {
                errors.Add($"{path}: property type {propertyTypeName} is not in the specification");
            }
            else if (value is not JsonObject obj)
            {
                errors.Add($"{path}: expected an object of {propertyTypeName}");
            }
            else
            {
                CheckProperties(path, resourceType, propertyType, obj, allowExtra: false, errors);
            }
        }
        else if (propertySpec["PrimitiveType"]?.GetValue<string>() is { } primitive && !IsPrimitive(primitive, value))
        {
            errors.Add($"{path}: {value?.ToJsonString()} is not a {primitive}");
        }
    }

    private static bool IsPrimitive(string primitive, JsonNode? value)
    {
        var kind = value?.GetValueKind();
        return primitive switch
        {
            "String" => kind == JsonValueKind.String,
            "Integer" or "Long" or "Double" => kind == JsonValueKind.Number
                || (kind == JsonValueKind.String && double.TryParse(value!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _)),
            "Boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "Json" => kind is JsonValueKind.Object or JsonValueKind.Array,
            _ => true,
        };
    }

    private static bool IsIntrinsic(JsonNode? value) =>
        value is JsonObject obj && obj.Count == 1 && obj.Single().Key is var key && (key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal));

    private static IEnumerable<(string Path, JsonObject Reference)> References(JsonNode? node, string path)
    {
        if (node is JsonObject obj)
        {
            if (obj.Count == 1 && obj.Single().Key is "Ref" or "Fn::GetAtt" or "Fn::Sub")
            {
                yield return (path, obj);
            }

            foreach (var (key, child) in obj)
            {
                foreach (var reference in References(child, $"{path}.{key}"))
                {
                    yield return reference;
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                foreach (var reference in References(array[i], $"{path}[{i}]"))
                {
                    yield return reference;
                }
            }
        }
    }

    private static void CheckReference(string path, JsonObject reference, JsonObject parameters, JsonObject resources, JsonObject spec, List<string> errors)
    {
        var (function, argument) = reference.Single();
        IEnumerable<string> names = function switch
        {
            "Ref" => [argument!.GetValue<string>()],
            "Fn::Sub" => System.Text.RegularExpressions.Regex.Matches(argument!.GetValue<string>(), @"\$\{([^}!]+)\}").Select(m => m.Groups[1].Value),
            _ => [],
        };
        foreach (var name in names)
        {
            if (!parameters.ContainsKey(name) && !resources.ContainsKey(name) && !PseudoParameters.Contains(name))
            {
                errors.Add($"{path}: {function} names {name}, which is neither a parameter, a resource nor a pseudo parameter");
            }
        }

        if (function == "Fn::GetAtt")
        {
            var target = argument![0]!.GetValue<string>();
            var attribute = argument[1]!.GetValue<string>();
            var type = resources[target]?["Type"]?.GetValue<string>();
            if (type is null || spec["ResourceTypes"]![type]?["Attributes"]?[attribute] is null)
            {
                errors.Add($"{path}: Fn::GetAtt {target}.{attribute} is not an attribute the specification gives {type ?? "a missing resource"}");
            }
        }
    }
}
