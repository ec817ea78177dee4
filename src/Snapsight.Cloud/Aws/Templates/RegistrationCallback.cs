using System.Text.Json.Nodes;

namespace Snapsight.Cloud.Aws.Templates;

/// <summary>
/// The call-back that registers an account with the Snapsight API when its stack is created or
/// updated: a custom resource backed by an inline Python Lambda (registration_callback.py) that
/// POSTs a JSON body with the subscription token as bearer and answers CloudFormation. The
/// Lambda's role has no permissions at all: it only talks HTTPS to our API and to the pre-signed
/// response URL.
/// </summary>
internal sealed class RegistrationCallback
{
    public const string RoleName = "RegistrationCallbackRole";
    public const string FunctionName = "RegistrationCallbackFunction";
    public const string ResourceName = "Registration";

    /// <summary>AWS's limit on inline (ZipFile) Lambda source.</summary>
    public const int MaxInlineSourceLength = 4096;

    private static readonly Lazy<string> Source = new(ReadSource);

    /// <summary>The API path the call-back posts to, e.g. <c>register-target-account</c> under /conn/snapshot/v1.0/.</summary>
    public required string Operation { get; init; }

    /// <summary>The custom resource type, <c>Custom::…</c>.</summary>
    public required string ResourceType { get; init; }

    /// <summary>The JSON body's fields as CloudFormation values (strings, references, lists).</summary>
    public required JsonObject Body { get; init; }

    /// <summary>Body fields holding comma-separated <c>key=value</c> tags, sent as <c>[{tagKey, tagValue}]</c>.</summary>
    public IReadOnlyList<string> TagLists { get; init; } = [];

    public IReadOnlyList<string> Integers { get; init; } = [];

    public IReadOnlyList<string> Booleans { get; init; } = [];

    /// <summary>Resources that must exist before the API hears of the account (the roles it will check).</summary>
    public IReadOnlyList<string> RegisterAfter { get; init; } = [];

    /// <summary>The condition the role, the function and the registration are created under, if any.</summary>
    public string? Condition { get; init; }

    /// <summary>Adds the role, the function and the custom resource to <paramref name="resources"/>.</summary>
    public void AddTo(JsonObject resources)
    {
        resources[RoleName] = Cfn.Resource("AWS::IAM::Role", new JsonObject
        {
            ["AssumeRolePolicyDocument"] = Cfn.TrustPolicy(Cfn.Service("lambda.amazonaws.com")),
            ["Description"] = "Runs the Snapsight registration call-back; needs no AWS permission.",
        }, Condition);
        resources[FunctionName] = Cfn.Resource("AWS::Lambda::Function", new JsonObject
        {
            ["Description"] = "Registers this account with the Snapsight API.",
            ["Runtime"] = "python3.12",
            ["Handler"] = "index.handler",
            ["Timeout"] = 60,
            ["MemorySize"] = 128,
            ["Role"] = Cfn.GetAtt(RoleName, "Arn"),
            ["Code"] = new JsonObject { ["ZipFile"] = Source.Value },
        }, Condition);
        var properties = new JsonObject
        {
            ["ServiceToken"] = Cfn.GetAtt(FunctionName, "Arn"),
            ["Url"] = Cfn.Sub("${" + CommonParameters.ApiEndpoint + "}/conn/snapshot/v1.0/" + Operation),
            ["Token"] = Cfn.Ref(CommonParameters.SubscriptionToken),
            [nameof(Body)] = Body.DeepClone(),
        };
        AddNames(properties, "TagLists", TagLists);
        AddNames(properties, "Integers", Integers);
        AddNames(properties, "Booleans", Booleans);
        var registration = Cfn.Resource(ResourceType, properties, Condition);
        if (RegisterAfter.Count > 0)
        {
            registration["DependsOn"] = Cfn.Strings(RegisterAfter);
        }

        resources[ResourceName] = registration;
    }

    private static void AddNames(JsonObject properties, string name, IReadOnlyList<string> fields)
    {
        if (fields.Count > 0)
        {
            properties[name] = Cfn.Strings(fields);
        }
    }

    private static string ReadSource()
    {
        using var stream = typeof(RegistrationCallback).Assembly.GetManifestResourceStream("Snapsight.Cloud.Aws.Templates.registration_callback.py")
            ?? throw new InvalidOperationException("the registration call-back source is not embedded");
        using var reader = new StreamReader(stream);
        var source = reader.ReadToEnd().ReplaceLineEndings("\n");
        return source.Length <= MaxInlineSourceLength
            ? source
            : throw new InvalidOperationException($"the registration call-back is {source.Length} characters; inline Lambda code may have {MaxInlineSourceLength}");
    }
}
