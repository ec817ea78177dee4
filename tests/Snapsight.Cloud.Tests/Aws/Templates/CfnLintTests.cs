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

    [Fact]
    public void The_largest_request_fits_the_template_body_quota_and_passes_cfn_lint()
    {
        // AWS's quota on a template passed with --template-body (a file://): 51,200 bytes.
        const int templateBodyQuota = 51_200;
        using var directory = new TempDirectory();
        foreach (var (name, template) in new[]
        {
            ("cft-s", CloudFormationTemplates.ServiceAccount(LargestRequest())),
            ("cft-t", CloudFormationTemplates.TargetAccount(LargestRequest(), LargestTrust())),
        })
        {
            foreach (var (extension, text) in new[] { ("json", TemplateWriter.Json(template)), ("yaml", TemplateWriter.Yaml(template)) })
            {
                Assert.True(System.Text.Encoding.UTF8.GetByteCount(text) <= templateBodyQuota, $"{name}.{extension} takes {text.Length} characters");
                var path = directory.File($"{name}.{extension}");
                File.WriteAllText(path, text);
                var (exitCode, output) = TemplateTools.CfnLint(path);
                Assert.True(exitCode == 0, output);
            }
        }
    }

    [Fact]
    public void Cfn_lint_refuses_a_property_the_specification_lacks()
    {
        // The oracle must still be able to say no after build-template-tools replaced its specification.
        var template = CloudFormationTemplates.TargetAccount(TemplateRequests.Simple(), TemplateRequests.SimpleTrust());
        template["Resources"]!["InstanceEventsConnection"]!["Properties"]!["ApiKey"] = "not a property";
        using var directory = new TempDirectory();
        var path = directory.File("bad.yaml");
        File.WriteAllText(path, TemplateWriter.Yaml(template));
        var (exitCode, output) = TemplateTools.CfnLint(path);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("ApiKey", output, StringComparison.Ordinal);
    }

    /// <summary>Every field at its largest: all regions, the longest token and endpoint, tag lists as full as a parameter holds.</summary>
    private static TemplateRequest LargestRequest()
    {
        static string[] FullTags(char letter) =>
            [.. Enumerable.Range(0, 15).Select(i => $"{letter}{i:D2}{new string('k', 100)}={new string('v', 160)}")];

        return TemplateRequests.Simple() with
        {
            SubscriptionToken = new string('t', 512),
            ApiEndpoint = "https://" + new string('a', 63) + "/" + new string('p', 440),
            Regions = Snapsight.Cloud.Aws.AwsPartition.Aws.Regions,
            TargetRegions = Snapsight.Cloud.Aws.AwsPartition.Aws.Regions,
            EventBasedScanning = true,
            Tags = new TagFilter { All = FullTags('a'), Any = FullTags('b'), None = FullTags('c'), Exclusion = FullTags('d')[0] },
            ScanningRoleName = new string('r', 64),
        };
    }

    private static TargetAccountTrust LargestTrust() => new() { ServiceAccountId = "999999999999", ExternalId = new string('x', 1224) };
}
