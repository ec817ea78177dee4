using System.Text.Json.Nodes;

namespace Snapsight.Cloud.Aws.Templates;

/// <summary>
/// The parameters both templates share. Their defaults are the request's values, so the
/// downloaded template deploys as is; a parameter the user overrides on update wins.
/// </summary>
internal static class CommonParameters
{
    public const string SubscriptionToken = "SubscriptionToken";
    public const string ApiEndpoint = "ApiEndpoint";
    public const string EventBasedScanning = "EventBasedScanning";

    public static void Add(JsonObject parameters, ValidatedTemplateRequest request)
    {
        // NoEcho hides the token from describe-stacks and the console; the template file itself holds
        // it as the default (the documented download-and-deploy flow), so the file is a secret.
        parameters[SubscriptionToken] = new JsonObject
        {
            ["Type"] = "String",
            ["NoEcho"] = true,
            ["MinLength"] = 16,
            ["MaxLength"] = 512,
            ["Default"] = request.SubscriptionToken,
            ["Description"] = "Snapsight subscription token, presented to the Snapsight API by the registration call-back and the event forwarding.",
        };
        parameters[ApiEndpoint] = new JsonObject
        {
            ["Type"] = "String",
            ["AllowedPattern"] = "^https://[!-~]+$",
            ["Default"] = request.ApiEndpoint,
            ["Description"] = "Base URL of the Snapsight API.",
        };
        parameters[EventBasedScanning] = Flag(request.EventBasedScanning,
            "Whether EC2 instance state changes are forwarded to the Snapsight API so new instances are scanned at once.");
    }

    /// <summary>A comma-separated list parameter, e.g. of regions.</summary>
    public static JsonObject List(IEnumerable<string> values, string description) => new()
    {
        ["Type"] = "CommaDelimitedList",
        ["Default"] = string.Join(',', values),
        ["Description"] = description,
    };

    /// <summary>A true/false parameter (CloudFormation has no boolean type).</summary>
    public static JsonObject Flag(bool value, string description) => new()
    {
        ["Type"] = "String",
        ["AllowedValues"] = new JsonArray("true", "false"),
        ["Default"] = value ? "true" : "false",
        ["Description"] = description,
    };
}
