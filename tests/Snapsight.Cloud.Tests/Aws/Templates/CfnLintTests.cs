using CsCheck;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Cloud.Tests.Support;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Templates;

/// <summary>The npm cfn-lint validator accepts both templates, as JSON and as YAML, over generated requests.</summary>
public sealed class CfnLintTests
{
    [Fact]
    public void Cfn_lint_passes_every_template_in_json_and_yaml()
    {
        using var directory = new TempDirectory();
        TemplateRequests.Rendered.Sample(rendered =>
        {
            foreach (var (name, template) in rendered.Both)
            {
                foreach (var (extension, text) in new[] { ("json", TemplateWriter.Json(template)), ("yaml", TemplateWriter.Yaml(template)) })
                {
                    var path = directory.File($"{name}.{extension}");
                    File.WriteAllText(path, text);
                    var (exitCode, output) = TemplateTools.CfnLint(path);
                    Assert.True(exitCode == 0 && output.Contains("0 warn", StringComparison.Ordinal) && output.Contains("0 crit", StringComparison.Ordinal),
                        $"cfn-lint on {name}.{extension} exited {exitCode}:\n{output}");
                }
            }
        }, iter: 6, threads: 1);
    }
}
