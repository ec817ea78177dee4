using System.Globalization;
using System.Text.RegularExpressions;
using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Compliance.Oval.Probes.Files;

/// <summary>
/// textfilecontent54_object: every match of a pattern in the files the object names, one item
/// per match, numbered from 1 in file order (the <c>instance</c> entity selects among them).
/// The multiline behavior (default true) lets ^ and $ match at line ends; singleline lets "."
/// match a newline. Like OpenSCAP, <c>text</c> is the whole match, <c>subexpression</c> each
/// capture group, and the deprecated <c>line</c> repeats the pattern.
/// </summary>
internal sealed class TextFileContent54Probe : IOvalProbe
{
    /// <summary>A configuration file has a few hundred lines; more matches than this is not one.</summary>
    public const int MaxMatchesPerFile = 100_000;

    public OvalTypeName ObjectType { get; } = new("textfilecontent54_object", "independent");

    public Task<CollectedObject> CollectAsync(ProbeRequest request, ProbeContext context, CancellationToken cancellationToken) =>
        ProbeGuard.RunAsync(request, async () =>
        {
            if (request.Entity("pattern") is not { Values.Count: > 0 } pattern)
            {
                throw new OvalProbeException("the object has no pattern");
            }

            var regexes = pattern.Values.Select(value => (Value: value, Regex: Compile(value, pattern.Operation, request))).ToList();
            var instance = request.Entity("instance");
            var items = new List<OvalItem>();
            foreach (var file in await new FileLocator(context.Tree, cancellationToken).LocateAsync(request).ConfigureAwait(false))
            {
                if (file.FileName is null || await ProbeFiles.ReadTextAsync(context.Tree, file.FilePath, cancellationToken).ConfigureAwait(false) is not { } text)
                {
                    continue;
                }

                foreach (var (value, regex) in regexes)
                {
                    items.AddRange(Matches(file, text, value, regex, instance));
                }
            }

            return CollectedObject.Found(items);
        });

    private static Regex Compile(string pattern, string operation, ProbeRequest request)
    {
        var options = (request.Behavior("multiline") ?? "true") == "true" ? RegexOptions.Multiline : RegexOptions.None;
        if (request.Behavior("singleline") == "true")
        {
            options |= RegexOptions.Singleline;
        }

        var source = operation switch
        {
            "pattern match" => pattern,
            "equals" => Regex.Escape(pattern),
            _ => throw new OvalProbeException($"a pattern with operation \"{operation}\" is not supported"),
        };
        return OvalPatterns.Get(source, options) ?? throw new OvalProbeException($"the pattern {pattern} is not a valid regular expression");
    }

    private static IEnumerable<OvalItem> Matches(LocatedFile file, string text, string pattern, Regex regex, ObjectEntity? instance)
    {
        var index = 0;
        var line = 1;
        var counted = 0;
        for (var match = regex.Match(text); match.Success; match = match.NextMatch())
        {
            if (++index > MaxMatchesPerFile)
            {
                throw new OvalProbeException($"{TreePath.Printable(file.FilePath)} has more than {MaxMatchesPerFile} matches of {pattern}");
            }

            line += text.AsSpan(counted, match.Index - counted).Count('\n');
            counted = match.Index;
            var number = index.ToString(CultureInfo.InvariantCulture);
            if (instance is not null && !instance.Matches(number))
            {
                continue;
            }

            var entities = new ItemEntities()
                .Add("filepath", file.FilePath)
                .Add("path", file.Path)
                .Add("filename", file.FileName!)
                .Add("pattern", pattern)
                .Add("instance", index)
                .Add("line", pattern)
                .Add("text", match.Value);
            if (match.Groups.Count > 1)
            {
                entities.AddAll("subexpression", [.. match.Groups.Cast<Group>().Skip(1).Select(g => g.Value)]);
            }

            yield return entities.ToItem($"{file.FilePath}:{line}");
        }
    }
}
