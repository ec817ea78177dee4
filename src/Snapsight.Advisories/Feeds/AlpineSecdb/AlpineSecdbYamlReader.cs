namespace Snapsight.Advisories.Feeds.AlpineSecdb;

/// <summary>
/// Reads the YAML secdb (the form before v3.12) line by line for the one shape it is written in:
/// top-level "distroversion:", "reponame:" and "packages:", each package a "- pkg:" item with
/// "name:" and "secfixes:", each secfixes key a version whose "- " items are ids. Plain, single-
/// and double-quoted scalars and comments are understood; anything else (flow collections,
/// anchors, multi-line scalars) is a damaged line, left out and reported, so no YAML feature can
/// make the reader expand or recurse.
/// </summary>
public static class AlpineSecdbYamlReader
{
    public static AlpineSecdbFile Read(string yaml, string origin)
    {
        var builder = new AlpineSecdbBuilder(AlpineSecdbFeedFormat.FormatName);
        var inPackages = false;
        string? package = null;
        var secfixesIndent = -1;
        string? version = null;
        var lineNumber = 0;
        foreach (var rawLine in yaml.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if (rawLine.Length > AlpineSecdbLimits.MaxLineChars)
            {
                builder.Skip(Where(origin, lineNumber), $"over {AlpineSecdbLimits.MaxLineChars} characters");
                continue;
            }

            var line = WithoutComment(rawLine);
            var content = line.TrimStart(' ');
            if (content.IsEmpty || content is "---" or "...")
            {
                continue;
            }

            var indent = line.Length - content.Length;
            if (indent == 0 && !content.StartsWith("- "))
            {
                // A top-level key.
                var (topKey, topValue) = KeyValue(content);
                inPackages = topKey == "packages";
                package = null;
                version = null;
                secfixesIndent = -1;
                if (topKey == "distroversion")
                {
                    builder.DistroVersion = Scalar(topValue);
                }
                else if (topKey == "reponame")
                {
                    builder.RepoName = Scalar(topValue);
                }

                continue;
            }

            if (!inPackages)
            {
                continue;
            }

            if (content.StartsWith("- ") && secfixesIndent >= 0 && indent <= secfixesIndent)
            {
                // A list item left of secfixes belongs to the package list: this package has ended.
                package = null;
                version = null;
                secfixesIndent = -1;
            }

            if (content.StartsWith("- "))
            {
                var item = content[2..].Trim(' ');
                if (item is "pkg:")
                {
                    package = null;
                    version = null;
                    secfixesIndent = -1;
                }
                else if (version is not null && package is not null && !item.StartsWith("[") && !item.StartsWith("{") && !item.StartsWith("&") && !item.StartsWith("*"))
                {
                    builder.Fix(package, version, Scalar(item.ToString()));
                }
                else
                {
                    builder.Skip(Where(origin, lineNumber), "a list item outside a package's secfixes");
                }

                continue;
            }

            var (name, value) = KeyValue(content);
            if (name is null)
            {
                builder.Skip(Where(origin, lineNumber), "neither a key nor a list item");
            }
            else if (secfixesIndent >= 0 && indent > secfixesIndent)
            {
                version = value.Length == 0 ? Scalar(name) : null;
                if (value.Length > 0)
                {
                    builder.Skip(Where(origin, lineNumber), "a secfixes version whose ids are not a block list");
                }
            }
            else if (name == "name")
            {
                package = Scalar(value);
                version = null;
                secfixesIndent = -1;
            }
            else if (name == "secfixes")
            {
                version = null;
                secfixesIndent = value.Length == 0 || value is "{}" ? indent : -1;
            }
            else
            {
                // Another key of the package ends its secfixes.
                version = null;
                secfixesIndent = -1;
            }
        }

        return builder.Build(origin);
    }

    private static string Where(string origin, int lineNumber) => $"{origin}: line {lineNumber}";

    /// <summary>The line without a comment: "#" at its start or after a space, outside quotes.</summary>
    private static ReadOnlySpan<char> WithoutComment(ReadOnlySpan<char> line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || line[i - 1] is ' ' or '\t'))
            {
                return line[..i].TrimEnd(" \t");
            }
        }

        return line.TrimEnd(" \t");
    }

    /// <summary>"key: value" or "key:" split at the first ": " (or the final ":"); the key is null when the line is neither.</summary>
    private static (string? Key, string Value) KeyValue(ReadOnlySpan<char> content)
    {
        var at = KeyEnd(content);
        return at < 0 ? (null, string.Empty) : (content[..at].ToString(), content[(at + 1)..].Trim(' ').ToString());
    }

    private static int KeyEnd(ReadOnlySpan<char> content)
    {
        if (content[0] is '"' or '\'')
        {
            var close = content[1..].IndexOf(content[0]);
            return close >= 0 && content.Length > close + 2 && content[close + 2] == ':' ? close + 2 : -1;
        }

        var separator = content.IndexOf(": ");
        return separator >= 0 ? separator : content[^1] == ':' ? content.Length - 1 : -1;
    }

    /// <summary>A scalar's value: quotes removed ("" and '' escapes undone), plain text trimmed.</summary>
    private static string Scalar(string text)
    {
        text = text.Trim(' ');
        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'')
        {
            return text[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            return text[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        }

        return text;
    }
}
