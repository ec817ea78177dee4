using System.Text.Json.Nodes;
using CsCheck;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Cloud.Tests.Support;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Templates;

/// <summary>The YAML and the JSON of a template say the same thing, as PyYAML and Python's json module read them.</summary>
public sealed class YamlJsonEquivalenceTests
{
    // Reads every pair of files named on the command line and prints the names of those that differ.
    private const string Compare = """
        import json, sys, yaml
        for yaml_path, json_path in zip(sys.argv[1::2], sys.argv[2::2]):
            with open(yaml_path) as y, open(json_path) as j:
                if yaml.safe_load(y) != json.load(j):
                    print(yaml_path)
        print("compared")
        """;

    [Fact]
    public void Yaml_and_json_of_every_template_are_equal_to_pyyaml()
    {
        using var directory = new TempDirectory();
        var files = new List<string>();
        var index = 0;
        TemplateRequests.Rendered.Sample(rendered =>
        {
            foreach (var (name, template) in rendered.Both)
            {
                var stem = directory.File($"{name}-{index++}");
                File.WriteAllText(stem + ".yaml", TemplateWriter.Yaml(template));
                File.WriteAllText(stem + ".json", TemplateWriter.Json(template));
                files.Add(stem + ".yaml");
                files.Add(stem + ".json");
            }
        }, iter: 60, threads: 1);

        var output = Tool.Run("/usr/bin/python3", ["-c", Compare, .. files], null, null);
        Assert.Equal("compared\n", output);
    }

    [Theory]
    [InlineData("2010-09-09")]
    [InlineData("Null")]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("0x1F")]
    [InlineData("1e3")]
    [InlineData("- a")]
    [InlineData("a: b")]
    [InlineData("a #b")]
    [InlineData("'quoted'")]
    [InlineData("line one\nline two \n\tindented\n")]
    [InlineData("é\u00a0ü")]
    [InlineData("")]
    public void Strings_yaml_readers_would_take_for_something_else_stay_strings(string value)
    {
        var template = new JsonObject { [value] = value, ["list"] = new JsonArray(value) };
        var python = "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))";
        var parsed = JsonNode.Parse(Tool.Run("/usr/bin/python3", ["-c", python], TemplateWriter.Yaml(template), null));
        Assert.True(JsonNode.DeepEquals(template, parsed), $"{TemplateWriter.Yaml(template)}\nread back as {parsed?.ToJsonString()}");
    }
}
