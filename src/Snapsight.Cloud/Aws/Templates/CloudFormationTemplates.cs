using System.Text.Json.Nodes;

namespace Snapsight.Cloud.Aws.Templates;

/// <summary>
/// Renders a subscription's AWS CloudFormation templates as JSON trees; <see cref="TemplateWriter"/>
/// turns a tree into the JSON or YAML a user downloads. Both validate the request first and throw
/// <see cref="TemplateParameterException"/> naming the bad field.
/// </summary>
public static class CloudFormationTemplates
{
    /// <summary>CFT-S: the service account's scanning role and registration.</summary>
    public static JsonObject ServiceAccount(TemplateRequest request) =>
        ServiceAccountTemplate.Render(new ValidatedTemplateRequest(request));

    /// <summary>CFT-T: a target account's role trusting the service account's scanning role, its registration, and event forwarding.</summary>
    public static JsonObject TargetAccount(TemplateRequest request, TargetAccountTrust trust)
    {
        var validated = new ValidatedTemplateRequest(request);
        return TargetAccountTemplate.Render(validated, ValidatedTemplateRequest.CheckTrust(trust));
    }
}
