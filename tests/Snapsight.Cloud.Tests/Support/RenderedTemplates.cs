using System.Text.Json.Nodes;
using Snapsight.Cloud.Aws.Templates;

namespace Snapsight.Cloud.Tests.Support;

/// <summary>One request's two templates.</summary>
public sealed record RenderedTemplates(TemplateRequest Request, TargetAccountTrust Trust, JsonObject ServiceAccount, JsonObject TargetAccount)
{
    public IEnumerable<(string Name, JsonObject Template)> Both => [("cft-s", ServiceAccount), ("cft-t", TargetAccount)];

    public override string ToString() => $"{Request} {Trust}";
}
