using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsCheck;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Cloud.Tests.Support;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Templates;

/// <summary>
/// The call-back Lambda as CloudFormation would run it: the template's inline source under the
/// real python3, given the custom resource's properties resolved from the template's parameters
/// (as CloudFormation passes them: scalars as strings), against a loopback stand-in for the
/// Snapsight API and for CloudFormation's response URL.
/// </summary>
public sealed partial class RegistrationCallbackTests
{
    private const string AccountId = "111122223333";

    // Loads the inline source as the module "index" and calls its handler with the event on stdin.
    private const string RunHandler = """
        import importlib.util, json, sys
        spec = importlib.util.spec_from_file_location("index", sys.argv[1])
        index = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(index)
        index.handler(json.load(sys.stdin), None)
        """;

    [Fact]
    public void The_service_account_call_back_registers_with_the_request_s_schedule_and_tags()
    {
        TemplateRequests.Request.Sample(request =>
        {
            using var api = new RecordingHttpServer(201);
            Invoke(CloudFormationTemplates.ServiceAccount(request), api, "Create");

            var register = Assert.Single(api.Requests, r => r.Method == "POST");
            Assert.Equal("/conn/snapshot/v1.0/register-service-account", register.Path);
            Assert.Equal("Bearer " + request.SubscriptionToken, register.Authorization);
            var body = JsonNode.Parse(register.Body)!;
            Assert.Equal(AccountId, body["accountId"]!.GetValue<string>());
            Assert.Equal($"rate({request.ScanIntervalHours} hours)", body["schedule"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(TagObjects(request.Tags.All), body["tags"]), body["tags"]!.ToJsonString());
            Assert.True(JsonNode.DeepEquals(TagObjects(request.Tags.Any), body["tagsAny"]));
            Assert.True(JsonNode.DeepEquals(TagObjects(request.Tags.None), body["tagsNone"]));
            Assert.True(JsonNode.DeepEquals(TagObjects([request.Tags.Exclusion ?? TagFilter.DefaultExclusion]), body["exclusionTags"]));
            Assert.Equal(request.Regions, body["regions"]!.AsArray().Select(r => r!.GetValue<string>()));
            Assert.Equal(request.TargetRegions, body["targetRegions"]!.AsArray().Select(r => r!.GetValue<string>()));
            Assert.Equal(request.ScannerConcurrency, body["scannerConcurrency"]!.GetValue<int>());
            Assert.Equal(request.EventBasedScanning, body["eventBasedScanning"]!.GetValue<bool>());
            Assert.Equal("SUCCESS", Answer(api)["Status"]!.GetValue<string>());
        }, iter: 8, threads: 1);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void The_target_account_call_back_registers_the_role_regions_and_copy_and_share(string? copyAndShare, bool expected)
    {
        var request = TemplateRequests.Simple();
        using var api = new RecordingHttpServer(201);
        var deployed = copyAndShare is null ? null : new Dictionary<string, string> { [TargetAccountTemplate.CopyAndShare] = copyAndShare };
        Invoke(CloudFormationTemplates.TargetAccount(request, TemplateRequests.SimpleTrust()), api, "Create", deployed);

        var register = Assert.Single(api.Requests, r => r.Method == "POST");
        Assert.Equal("/conn/snapshot/v1.0/register-target-account", register.Path);
        Assert.Equal("Bearer " + request.SubscriptionToken, register.Authorization);
        var body = JsonNode.Parse(register.Body)!;
        Assert.Equal(AccountId, body["accountId"]!.GetValue<string>());
        Assert.Equal(ResolvedArn("TargetRole"), body["roleArn"]!.GetValue<string>());
        Assert.Equal(request.TargetRegions, body["regions"]!.AsArray().Select(r => r!.GetValue<string>()));
        // A JSON boolean, the stack's parameter (false by default), which the API records as the account's mode.
        Assert.Equal(expected, body["copyAndShare"]!.GetValue<bool>());
        Assert.Equal("SUCCESS", Answer(api)["Status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(304, "SUCCESS")]
    [InlineData(400, "FAILED")]
    [InlineData(401, "FAILED")]
    [InlineData(500, "FAILED")]
    public void An_api_refusal_fails_the_stack_with_the_api_s_reason_and_never_the_token(int status, string expected)
    {
        var request = TemplateRequests.Simple();
        using var api = new RecordingHttpServer(status, "connector lacks CSPM");
        Invoke(CloudFormationTemplates.ServiceAccount(request), api, "Update");

        var answer = Answer(api);
        Assert.Equal(expected, answer["Status"]!.GetValue<string>());
        Assert.DoesNotContain(request.SubscriptionToken, answer.ToJsonString(), StringComparison.Ordinal);
        if (expected == "FAILED")
        {
            Assert.Contains($"{status}: connector lacks CSPM", answer["Reason"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Deleting_the_stack_calls_nothing_and_succeeds()
    {
        using var api = new RecordingHttpServer(500);
        Invoke(CloudFormationTemplates.ServiceAccount(TemplateRequests.Simple()), api, "Delete");
        Assert.DoesNotContain(api.Requests, r => r.Method == "POST");
        Assert.Equal("SUCCESS", Answer(api)["Status"]!.GetValue<string>());
    }

    /// <param name="deployed">Parameters the stack was deployed with, by name; the others take their defaults.</param>
    private static void Invoke(JsonObject template, RecordingHttpServer api, string requestType, IReadOnlyDictionary<string, string>? deployed = null)
    {
        using var directory = new TempDirectory();
        var source = directory.File("index.py");
        File.WriteAllText(source, template["Resources"]!["RegistrationCallbackFunction"]!["Properties"]!["Code"]!["ZipFile"]!.GetValue<string>());
        var properties = template["Resources"]!["Registration"]!["Properties"]!.AsObject();
        var resolved = new JsonObject();
        foreach (var (name, value) in properties.Where(p => p.Key != "ServiceToken"))
        {
            // The stack is deployed with the API endpoint overridden to the loopback stand-in.
            resolved[name] = Resolve(value, template, api.Url, deployed ?? new Dictionary<string, string>());
        }

        var invocation = new JsonObject
        {
            ["RequestType"] = requestType,
            ["ResponseURL"] = api.Url + "/cloudformation-response",
            ["StackId"] = "arn:aws:cloudformation:eu-west-1:111122223333:stack/test/1",
            ["RequestId"] = "request-1",
            ["LogicalResourceId"] = "Registration",
            ["ResourceProperties"] = resolved,
        };
        if (requestType != "Create")
        {
            invocation["PhysicalResourceId"] = "Registration";
        }

        Tool.Run("/usr/bin/python3", ["-c", RunHandler, source], invocation.ToJsonString(), null);
    }

    private static JsonObject Answer(RecordingHttpServer api) =>
        JsonNode.Parse(Assert.Single(api.Requests, r => r.Method == "PUT" && r.Path == "/cloudformation-response").Body)!.AsObject();

    /// <summary>What CloudFormation hands a custom resource: intrinsics resolved, every scalar a string.</summary>
    private static JsonNode? Resolve(JsonNode? node, JsonObject template, string apiEndpoint, IReadOnlyDictionary<string, string> deployed)
    {
        string Parameter(string name) => name switch
        {
            "AWS::AccountId" => AccountId,
            ApiEndpointParameter => apiEndpoint,
            _ when deployed.TryGetValue(name, out var given) => given,
            _ => template["Parameters"]![name]!["Default"]!.GetValue<string>(),
        };

        return node switch
        {
            JsonObject { Count: 1 } obj when obj["Ref"] is JsonNode name =>
                template["Parameters"]![name.GetValue<string>()]?["Type"]?.GetValue<string>() == "CommaDelimitedList"
                    ? new JsonArray([.. Parameter(name.GetValue<string>()).Split(',').Select(v => (JsonNode)v)])
                    : Parameter(name.GetValue<string>()),
            JsonObject { Count: 1 } obj when obj["Fn::Sub"] is JsonNode text =>
                SubVariable().Replace(text.GetValue<string>(), m => Parameter(m.Groups[1].Value)),
            JsonObject { Count: 1 } obj when obj["Fn::GetAtt"] is JsonArray target => ResolvedArn(target[0]!.GetValue<string>()),
            JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value, template, apiEndpoint, deployed)))),
            JsonArray array => new JsonArray([.. array.Select(item => Resolve(item, template, apiEndpoint, deployed))]),
            JsonValue value => value.ToString(),
            _ => null,
        };
    }

    private const string ApiEndpointParameter = "ApiEndpoint";

    private static string ResolvedArn(string resource) => $"arn:aws:iam::{AccountId}:role/{resource}-resolved";

    /// <summary>The tags as the API reads them: key and value split at the first '='.</summary>
    private static JsonArray TagObjects(IEnumerable<string> tags) => new([.. tags.Select(t => (JsonNode)new JsonObject
    {
        ["tagKey"] = t[..t.IndexOf('=', StringComparison.Ordinal)],
        ["tagValue"] = t[(t.IndexOf('=', StringComparison.Ordinal) + 1)..],
    })]);

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex SubVariable();
}
