namespace Snapsight.Disk.Lvm;

internal enum MetadataTokenKind
{
    End,
    Name,
    String,
    Integer,
    Equals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
}

internal readonly record struct MetadataToken(MetadataTokenKind Kind, string Text, long Number, int Position);

/// <summary>
/// Splits LVM2 metadata text into tokens, one at a time. The syntax is that of LVM's config
/// files (lvm2 lib/config/config.c; lvm.conf(5) "SYNTAX"): names made of letters, digits and
/// <c>_ . - +</c>; double-quoted strings with backslash escapes; decimal integers; the
/// punctuation <c>= { } [ ] ,</c>; and <c>#</c> comments to the end of the line.
/// </summary>
internal struct MetadataTokenizer(string text, long deviceOffset)
{
    private const string Layer = "lvm";
    private const string Structure = "lvm.metadata";
    private int _position;

    public readonly DiskFormatException Error(int position, string problem) =>
        new(Layer, Structure, deviceOffset + position, $"{problem} (at character {position} of the metadata text)");

    public MetadataToken Next()
    {
        SkipSpaceAndComments();
        if (_position >= text.Length)
        {
            return new MetadataToken(MetadataTokenKind.End, "", 0, _position);
        }

        var start = _position;
        var c = text[_position];
        var punctuation = c switch
        {
            '=' => MetadataTokenKind.Equals,
            '{' => MetadataTokenKind.OpenBrace,
            '}' => MetadataTokenKind.CloseBrace,
            '[' => MetadataTokenKind.OpenBracket,
            ']' => MetadataTokenKind.CloseBracket,
            ',' => MetadataTokenKind.Comma,
            _ => MetadataTokenKind.End,
        };
        if (punctuation != MetadataTokenKind.End)
        {
            _position++;
            return new MetadataToken(punctuation, c.ToString(), 0, start);
        }

        if (c == '"')
        {
            return ReadString();
        }

        if (!IsNameCharacter(c))
        {
            throw Error(start, $"unexpected character U+{(int)c:X4}");
        }

        while (_position < text.Length && IsNameCharacter(text[_position]))
        {
            _position++;
        }

        var word = text[start.._position];
        if (LooksNumeric(word))
        {
            return long.TryParse(word, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? new MetadataToken(MetadataTokenKind.Integer, word, number, start)
                : throw Error(start, $"integer {word} does not fit in 64 bits");
        }

        return new MetadataToken(MetadataTokenKind.Name, word, 0, start);
    }

    private void SkipSpaceAndComments()
    {
        while (_position < text.Length)
        {
            var c = text[_position];
            if (c == '#')
            {
                var newline = text.IndexOf('\n', _position);
                _position = newline < 0 ? text.Length : newline + 1;
            }
            else if (c is ' ' or '\t' or '\r' or '\n')
            {
                _position++;
            }
            else
            {
                return;
            }
        }
    }

    private MetadataToken ReadString()
    {
        var start = _position++;
        var value = new System.Text.StringBuilder();
        while (_position < text.Length)
        {
            var c = text[_position++];
            if (c == '"')
            {
                return new MetadataToken(MetadataTokenKind.String, value.ToString(), 0, start);
            }

            if (c == '\\')
            {
                if (_position >= text.Length)
                {
                    break;
                }

                c = text[_position++];
            }

            value.Append(c);
        }

        throw Error(start, "unterminated string");
    }

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '+';

    private static bool LooksNumeric(string word)
    {
        var digits = word.AsSpan(word[0] is '-' or '+' ? 1 : 0);
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }
}
