using System.Text.Json.Nodes;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cloud.Tests.Support;

/// <summary>
/// The oracles of tests/images/build-template-tools: the npm cfn-lint validator and the
/// CloudFormation resource specification from @aws-cdk/cfnspec.
/// </summary>
public static class TemplateTools
{
    private static readonly FixtureScript Script = new("build-template-tools");

    private static readonly Lazy<JsonObject> LazySpecification = new(
        () => JsonNode.Parse(File.ReadAllText(Path.Combine(Script.Folder, "node_modules", "@aws-cdk", "cfnspec", "spec", "specification.json")))!.AsObject(),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The merged resource specification (ResourceTypes, PropertyTypes) the CDK ships.</summary>
    public static JsonObject Specification => LazySpecification.Value;

    /// <summary>Runs <c>cfn-lint validate</c> on a template file; returns its exit code and what it printed.</summary>
    public static (int ExitCode, string Output) CfnLint(string path)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(Script.Folder, "node_modules", ".bin", "cfn-lint"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("validate");
        start.ArgumentList.Add(path);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
