using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Snapsight.Cloud.Aws.Templates;

/// <summary>
/// Writes a template tree as CloudFormation JSON or YAML. YAML comes from the same tree through
/// YamlDotNet's representation model, with intrinsics in their long form (<c>Fn::Sub:</c>, not
/// <c>!Sub</c>), so both files say exactly the same thing.
/// </summary>
public static partial class TemplateWriter
{
    // Relaxed escaping keeps '+', '<' and quotes in policies and code readable; the output is a file, not HTML.
    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Json(JsonObject template)
    {
        ArgumentNullException.ThrowIfNull(template);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            template.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static string Yaml(JsonObject template)
    {
        ArgumentNullException.ThrowIfNull(template);
        using var text = new StringWriter();
        new YamlStream(new YamlDocument(ToYaml(template))).Save(text, assignAnchors: false);
        // YamlStream ends every document with "...": CloudFormation reads it, but people do not expect it.
        var yaml = text.ToString();
        return yaml.EndsWith("...\n", StringComparison.Ordinal) ? yaml[..^4] : yaml;
    }

    private static YamlNode ToYaml(JsonNode? node) => node switch
    {
        JsonObject obj => new YamlMappingNode(obj.Select(p => new KeyValuePair<YamlNode, YamlNode>(Scalar(p.Key), ToYaml(p.Value)))),
        JsonArray array => new YamlSequenceNode(array.Select(ToYaml)),
        JsonValue value when value.TryGetValue(out string? s) => Scalar(s),
        JsonValue value => new YamlScalarNode(value.ToJsonString()) { Style = ScalarStyle.Plain },
        _ => new YamlScalarNode("null") { Style = ScalarStyle.Plain },
    };

    /// <summary>
    /// A string scalar: plain when no YAML reader could take it for anything but a string, a literal
    /// block for multi-line text (the Lambda source), double-quoted otherwise ("2010-09-09", "Null", "true").
    /// </summary>
    private static YamlScalarNode Scalar(string s)
    {
        var style = s.Contains('\n', StringComparison.Ordinal) && !s.Contains('\t', StringComparison.Ordinal) && !HasTrailingSpace(s)
            ? ScalarStyle.Literal
            : SafePlain().IsMatch(s) && !YamlWords.Contains(s) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted;
        return new YamlScalarNode(s) { Style = style };
    }

    private static bool HasTrailingSpace(string s) => s.Split('\n').Any(line => line.EndsWith(' '));

    // Words YAML 1.1 readers (PyYAML, js-yaml's defaults) turn into booleans or null.
    private static readonly HashSet<string> YamlWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "n", "yes", "no", "on", "off", "true", "false", "null",
    };

    // A letter, then letters, digits and :/_.- with no ": " and no trailing ':': always a plain string.
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9/_.-]*(::?[A-Za-z0-9/_.*-]+)*\z")]
    private static partial Regex SafePlain();
}
