using System.Text;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Languages.Python;

/// <summary>
/// Reads the header block of a Python core-metadata file (*.dist-info/METADATA, PKG-INFO) the
/// way importlib.metadata does, through Python's email parser: "Field: value" lines, field
/// names compared without case, the first of a repeated field wins, lines starting with a
/// space or tab continue the field before them, and the headers end at the first empty line
/// or at the first line that is not a header. The body (the long description) is never read.
/// </summary>
internal static class PythonMetadataParser
{
    /// <summary>The header block is a few KiB in practice; the rest of the file is the description.</summary>
    public const int MaxHeaderBytes = 1024 * 1024;

    /// <summary>Header lines, continuations included, read at most.</summary>
    public const int MaxHeaderLines = 50_000;

    /// <summary>
    /// Reads the fields from <paramref name="head"/>, the start of the file; when
    /// <paramref name="headIsWholeFile"/> is false the file goes on past it, so a header that
    /// has not ended by then is cut and says so.
    /// </summary>
    public static PythonMetadata Parse(ReadOnlySpan<byte> head, bool headIsWholeFile)
    {
        head = ByteOrderMark.Skip(head);

        var readBytes = head.Length;
        if (!headIsWholeFile)
        {
            // The cut may fall inside a line: "Version: 1.2" read from "Version: 1.23" would be wrong.
            head = head[..(head.LastIndexOf((byte)'\n') + 1)];
        }

        var fields = new PythonHeaderFields();
        var lines = new DatabaseLines(head, MaxHeaderBytes);
        while (lines.MoveNext())
        {
            var line = lines.Current;
            if (lines.LineNumber > MaxHeaderLines)
            {
                return fields.ToMetadata($"the header has more than {MaxHeaderLines} lines; fields after them are not read");
            }

            if (line.IndexOf((byte)0) >= 0)
            {
                return new PythonMetadata(null, null, null, $"NUL byte on line {lines.LineNumber}: the file is damaged");
            }

            if (line.IsEmpty)
            {
                return fields.ToMetadata(null);
            }

            if (line[0] is (byte)' ' or (byte)'\t')
            {
                fields.Continue(line);
                continue;
            }

            var colon = line.IndexOf((byte)':');
            if (colon < 0 || line[..colon].IndexOfAnyExceptInRange((byte)'!', (byte)'~') >= 0)
            {
                // Python's email parser takes a line that is not "Name: value" as the start of the body.
                return fields.ToMetadata(null);
            }

            fields.Start(line[..colon], line[(colon + 1)..]);
        }

        return fields.ToMetadata(headIsWholeFile ? null : $"the header does not end within {readBytes} bytes; fields after them are not read");
    }

    /// <summary>The fields the cataloguer keeps, collected as the header lines go by.</summary>
    private sealed class PythonHeaderFields
    {
        private readonly List<string> _licenceClassifiers = [];
        private StringBuilder? _name;
        private StringBuilder? _version;
        private StringBuilder? _license;
        private StringBuilder? _licenseExpression;
        private StringBuilder? _classifier;

        /// <summary>The field that continuation lines extend, or null when it is one we do not keep.</summary>
        private StringBuilder? _current;

        public void Start(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
        {
            FinishClassifier();
            _current = Encoding.ASCII.GetString(field).ToUpperInvariant() switch
            {
                "NAME" when _name is null => _name = new StringBuilder(),
                "VERSION" when _version is null => _version = new StringBuilder(),
                "LICENSE" when _license is null => _license = new StringBuilder(),
                "LICENSE-EXPRESSION" when _licenseExpression is null => _licenseExpression = new StringBuilder(),
                "CLASSIFIER" => _classifier = new StringBuilder(),
                _ => null,
            };
            _current?.Append(Encoding.UTF8.GetString(value.TrimStart(" \t"u8)));
        }

        public void Continue(ReadOnlySpan<byte> line) => _current?.Append('\n').Append(Encoding.UTF8.GetString(line));

        public PythonMetadata ToMetadata(string? problem)
        {
            FinishClassifier();
            return new PythonMetadata(Text(_name), Text(_version), Licence(), problem);
        }

        /// <summary>
        /// License-Expression (core metadata 2.4) when there is one; else License when it is a
        /// name rather than a whole licence text; else the "License ::" classifiers; else the
        /// first line of a License text.
        /// </summary>
        private string? Licence()
        {
            if (Text(_licenseExpression) is { } expression)
            {
                return expression;
            }

            var license = Text(_license);
            if (license is not null && license != "UNKNOWN" && !license.Contains('\n', StringComparison.Ordinal))
            {
                return license;
            }

            if (_licenceClassifiers.Count > 0)
            {
                return string.Join(", ", _licenceClassifiers.Distinct(StringComparer.Ordinal));
            }

            return license?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && l != "UNKNOWN");
        }

        /// <summary>"License :: OSI Approved :: MIT License" gives "MIT License"; the bare group names no licence.</summary>
        private void FinishClassifier()
        {
            if (Text(_classifier) is { } classifier && classifier.StartsWith("License ::", StringComparison.Ordinal))
            {
                var leaf = classifier[(classifier.LastIndexOf("::", StringComparison.Ordinal) + 2)..].Trim();
                if (leaf.Length > 0 && leaf != "OSI Approved")
                {
                    _licenceClassifiers.Add(leaf);
                }
            }

            _classifier = null;
        }

        private static string? Text(StringBuilder? value) => value is null ? null : Redent(value.ToString()).Trim() is { Length: > 0 } text ? text : null;

        /// <summary>
        /// importlib.metadata re-indents a continued value as textwrap.dedent(8 spaces + value):
        /// the leading spaces and tabs common to its non-blank lines go, and blank lines empty.
        /// </summary>
        private static string Redent(string value)
        {
            if (!value.Contains('\n', StringComparison.Ordinal))
            {
                return value;
            }

            var lines = ("        " + value).Split('\n');
            string? margin = null;
            foreach (var line in lines)
            {
                var indent = line.Length - line.AsSpan().TrimStart(" \t").Length;
                if (indent < line.Length)
                {
                    margin = margin is null ? line[..indent] : margin[..margin.AsSpan().CommonPrefixLength(line.AsSpan(0, indent))];
                }
            }

            return string.Join('\n', lines.Select(line => line.AsSpan().TrimStart(" \t").IsEmpty ? "" : line[(margin?.Length ?? 0)..]));
        }
    }
}
