using System.Text.Json.Nodes;

namespace Snapsight.Cloud.Aws.Templates;

/// <summary>
/// Zero-touch scanning's trigger: an EventBridge rule sending each "EC2 Instance State-change
/// Notification" of the stack's region in which an instance entered <c>running</c> to the
/// Snapsight API through an API destination whose connection presents the subscription token (EventBridge keeps it in Secrets Manager). All
/// four resources exist only under the event-based scanning condition.
/// </summary>
internal static class InstanceEventForwarding
{
    public const string Connection = "InstanceEventsConnection";
    public const string Destination = "InstanceEventsDestination";
    public const string Role = "InstanceEventsRole";
    public const string Rule = "InstanceEventsRule";

    /// <summary>The API path the events are posted to: the server's instance event endpoint (docs/control/discovery-and-scheduling.md).</summary>
    public const string ApiPath = "/api/v1/events/instance";

    /// <summary>
    /// The only state forwarded: an instance entering <c>running</c> is what zero-touch scanning
    /// waits for; the other five states would cost a poll each and change nothing polling would not.
    /// </summary>
    public const string ForwardedState = "running";

    /// <summary>Events per second EventBridge may deliver; state changes are rare, bursts are not urgent.</summary>
    public const int RateLimitPerSecond = 10;

    public static void AddTo(JsonObject resources, string condition)
    {
        resources[Connection] = Cfn.Resource("AWS::Events::Connection", new JsonObject
        {
            ["Description"] = "Presents the Snapsight subscription token to the Snapsight API.",
            ["AuthorizationType"] = "API_KEY",
            ["AuthParameters"] = new JsonObject
            {
                ["ApiKeyAuthParameters"] = new JsonObject
                {
                    ["ApiKeyName"] = "Authorization",
                    ["ApiKeyValue"] = Cfn.Sub("Bearer ${" + CommonParameters.SubscriptionToken + "}"),
                },
            },
        }, condition);
        resources[Destination] = Cfn.Resource("AWS::Events::ApiDestination", new JsonObject
        {
            ["Description"] = "The Snapsight API's instance event endpoint.",
            ["ConnectionArn"] = Cfn.GetAtt(Connection, "Arn"),
            ["HttpMethod"] = "POST",
            ["InvocationEndpoint"] = Cfn.Sub("${" + CommonParameters.ApiEndpoint + "}" + ApiPath),
            ["InvocationRateLimitPerSecond"] = RateLimitPerSecond,
        }, condition);
        resources[Role] = Cfn.Resource("AWS::IAM::Role", new JsonObject
        {
            ["Description"] = "Lets the instance event rule invoke the Snapsight API destination, and nothing else.",
            // aws:SourceAccount: only EventBridge acting for this account may use the role (confused deputy).
            ["AssumeRolePolicyDocument"] = Cfn.TrustPolicy(Cfn.Service("events.amazonaws.com"), new JsonObject
            {
                ["StringEquals"] = new JsonObject { ["aws:SourceAccount"] = Cfn.Ref(Cfn.AccountId) },
            }),
            ["Policies"] = new JsonArray(new RegionScopedPolicy("snapsight-instance-events", new JsonArray(Cfn.Ref(Cfn.Region)))
                .Allow("InvokeSnapsightApi", ["events:InvokeApiDestination"], Cfn.GetAtt(Destination, "Arn"))
                .ToRolePolicy()),
        }, condition);
        resources[Rule] = Cfn.Resource("AWS::Events::Rule", new JsonObject
        {
            ["Description"] = "Forwards EC2 instance state changes to Snapsight for zero-touch scanning.",
            ["State"] = "ENABLED",
            ["EventPattern"] = new JsonObject
            {
                ["source"] = new JsonArray("aws.ec2"),
                ["detail-type"] = new JsonArray("EC2 Instance State-change Notification"),
                ["detail"] = new JsonObject { ["state"] = new JsonArray(ForwardedState) },
            },
            ["Targets"] = new JsonArray(new JsonObject
            {
                ["Id"] = "snapsight-api",
                ["Arn"] = Cfn.GetAtt(Destination, "Arn"),
                ["RoleArn"] = Cfn.GetAtt(Role, "Arn"),
            }),
        }, condition);
    }
}
