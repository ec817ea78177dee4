using System.Text;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Disk.Tests.Support;
using Snapsight.Fuzz.Targets;

namespace Snapsight.Fuzz.Tests;

/// <summary>
/// Hostile corpus, control inputs: the seed files of fuzz/corpus/control-inputs (tags, template
/// requests, Authorization headers) and a few inputs too large to keep as files. Each must be
/// refused or accepted by the control-inputs target with nothing escaping, within the hostile-input bar.
/// </summary>
public sealed class ControlInputsHostileTests
{
    private const string Request = """"subscriptionId":"s","subscriptionToken":"sst_0123456789abcdef","apiEndpoint":"https://snapsight.example","partition":"aws","regions":["us-east-1"],"targetRegions":["us-east-1"]"""";

    public static TheoryData<string> SeedFiles => new(
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "corpus", "control-inputs")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    public static TheoryData<string, string> Generated => new()
    {
        // JSON nested far past the serializer's depth limit.
        { "deep nesting", new string('[', 100_000) },
        // A hundred thousand tags where fifty are allowed: refused by count, not parsed one by one into a template.
        { "tag flood", "{" + Request + ",\"tags\":{\"all\":[" + string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"\"k{i}=v\"")) + "]}}" },
        // One tag of a megabyte: refused by length before its characters are walked.
        { "huge tag value", "k=" + new string('v', 1 << 20) },
        // Ten thousand regions in a partition that has a few dozen.
        { "region flood", "{" + Request.Replace("[\"us-east-1\"],\"targetRegions\"", "[" + string.Join(',', Enumerable.Repeat("\"us-east-1\"", 10_000)) + "],\"targetRegions\"") + "}" },
        // A bearer header of a megabyte of dots: a token of a hundred thousand empty parts.
        { "dotted bearer", "Bearer " + new string('.', 1 << 20) },
        // A role name just past IAM's 64 characters, many times over.
        { "long role name", "{" + Request + ",\"scanningRoleName\":\"" + new string('R', 100_000) + "\"}" },
    };

    [Theory]
    [MemberData(nameof(SeedFiles))]
    public void A_seed_input_is_refused_or_accepted_without_escaping(string name) =>
        Assert.Null(HostileInput.Run(Feed(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "corpus", "control-inputs", name)))));

    [Theory]
    [MemberData(nameof(Generated))]
    public void A_large_input_is_refused_or_accepted_without_escaping(string why, string input)
    {
        Assert.NotEmpty(why);
        Assert.Null(HostileInput.Run(Feed(Encoding.UTF8.GetBytes(input))));
    }

    [Fact]
    public void The_valid_seed_request_gets_through_validation_so_fuzzing_reaches_the_renderers()
    {
        var seed = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "corpus", "control-inputs", "template-valid.json"));
        var request = ControlInputsFuzzTarget.ReadTemplateRequest(seed)!;

        Assert.Contains("SubscriptionToken", TemplateWriter.Yaml(CloudFormationTemplates.ServiceAccount(request)), StringComparison.Ordinal);
    }

    private static Func<CancellationToken, Task> Feed(byte[] input) => _ =>
    {
        new ControlInputsFuzzTarget().Run(input);
        return Task.CompletedTask;
    };
}
