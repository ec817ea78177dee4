using System.Text.Json.Nodes;

namespace Snapsight.Cloud.Aws.Templates;

/// <summary>
/// An IAM permissions policy whose every statement, allow or deny, carries
/// <c>aws:RequestedRegion</c> in the enabled regions: a role that leaks is still useless anywhere else.
/// </summary>
internal sealed class RegionScopedPolicy(string name, JsonNode regions)
{
    private readonly List<JsonObject> _statements = [];

    public RegionScopedPolicy Allow(string sid, IEnumerable<string> actions, JsonNode resource, JsonObject? condition = null) =>
        Add(sid, "Allow", actions, resource, condition);

    /// <summary>An Allow that exists only when the template's <paramref name="templateCondition"/> holds (Fn::If, else no statement).</summary>
    public RegionScopedPolicy AllowWhen(string templateCondition, string sid, IEnumerable<string> actions, JsonNode resource, JsonObject? condition = null)
    {
        Add(sid, "Allow", actions, resource, condition);
        var statement = _statements[^1];
        _statements[^1] = new JsonObject { ["Fn::If"] = new JsonArray(templateCondition, statement, Cfn.Ref(Cfn.NoValue)) };
        return this;
    }

    public RegionScopedPolicy Deny(string sid, IEnumerable<string> actions, JsonNode resource, JsonObject? condition = null) =>
        Add(sid, "Deny", actions, resource, condition);

    /// <summary>The policy as an entry of an <c>AWS::IAM::Role</c>'s <c>Policies</c>.</summary>
    public JsonObject ToRolePolicy() => new() { ["PolicyName"] = name, ["PolicyDocument"] = Cfn.PolicyDocument(_statements) };

    private RegionScopedPolicy Add(string sid, string effect, IEnumerable<string> actions, JsonNode resource, JsonObject? condition)
    {
        condition ??= [];
        if (condition["StringEquals"] is not JsonObject stringEquals)
        {
            stringEquals = [];
            condition["StringEquals"] = stringEquals;
        }

        stringEquals["aws:RequestedRegion"] = regions.DeepClone();
        _statements.Add(new JsonObject
        {
            ["Sid"] = sid,
            ["Effect"] = effect,
            ["Action"] = Cfn.Strings(actions),
            ["Resource"] = resource,
            ["Condition"] = condition,
        });
        return this;
    }
}
