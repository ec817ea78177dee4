using System.Text;

namespace Snapsight.Disk.Lvm;

/// <summary>
/// Parses LVM2 metadata text (the format <c>vgcfgbackup</c> writes and each metadata area
/// holds) into a tree of sections. Bounded: at most <see cref="MetadataArea.MaxTextBytes"/>
/// of text and <see cref="MaxDepth"/> levels of nesting (real metadata uses four:
/// VG, logical_volumes, LV, segment).
/// </summary>
internal static class MetadataParser
{
    public const int MaxDepth = 16;

    public static MetadataSection Parse(ReadOnlySpan<byte> utf8, long deviceOffset)
    {
        if (utf8.Length > MetadataArea.MaxTextBytes)
        {
            throw new DiskFormatException("lvm", "lvm.metadata", deviceOffset,
                $"metadata text of {utf8.Length} bytes exceeds our {MetadataArea.MaxTextBytes}-byte bound");
        }

        // LVM writes the text with a terminating NUL, which the raw location's size includes.
        var text = Encoding.UTF8.GetString(utf8.TrimEnd((byte)0));
        var tokenizer = new MetadataTokenizer(text, deviceOffset);
        var root = new MetadataSection("", deviceOffset);
        ParseBody(ref tokenizer, root, 0, deviceOffset);
        return root;
    }

    /// <summary>Reads <c>key = value</c> and <c>name { … }</c> items until the section's closing brace (or the end, for the top level).</summary>
    private static void ParseBody(ref MetadataTokenizer tokenizer, MetadataSection section, int depth, long deviceOffset)
    {
        while (true)
        {
            var token = tokenizer.Next();
            switch (token.Kind)
            {
                case MetadataTokenKind.End when depth == 0:
                    return;
                case MetadataTokenKind.End:
                    throw tokenizer.Error(token.Position, $"section \"{section.Name}\" is not closed");
                case MetadataTokenKind.CloseBrace when depth > 0:
                    return;
                case MetadataTokenKind.Name or MetadataTokenKind.Integer:
                    break;
                default:
                    throw tokenizer.Error(token.Position, $"expected a name, found \"{token.Text}\"");
            }

            var after = tokenizer.Next();
            if (after.Kind == MetadataTokenKind.OpenBrace)
            {
                if (depth + 1 > MaxDepth)
                {
                    throw tokenizer.Error(token.Position, $"sections nest deeper than {MaxDepth} levels");
                }

                var child = new MetadataSection(token.Text, deviceOffset + token.Position);
                ParseBody(ref tokenizer, child, depth + 1, deviceOffset);
                if (!section.TryAdd(child))
                {
                    throw tokenizer.Error(token.Position, $"\"{token.Text}\" appears twice in section \"{section.Name}\"");
                }
            }
            else if (after.Kind == MetadataTokenKind.Equals)
            {
                if (!section.TryAdd(token.Text, ParseValue(ref tokenizer, deviceOffset)))
                {
                    throw tokenizer.Error(token.Position, $"\"{token.Text}\" appears twice in section \"{section.Name}\"");
                }
            }
            else
            {
                throw tokenizer.Error(after.Position, $"expected '=' or '{{' after \"{token.Text}\", found \"{after.Text}\"");
            }
        }
    }

    private static MetadataValue ParseValue(ref MetadataTokenizer tokenizer, long deviceOffset)
    {
        var token = tokenizer.Next();
        if (token.Kind != MetadataTokenKind.OpenBracket)
        {
            return Scalar(ref tokenizer, token, deviceOffset);
        }

        // A flat list: [ ], or values separated by commas. Every pass consumes a token.
        var items = new List<MetadataValue>();
        var item = tokenizer.Next();
        if (item.Kind == MetadataTokenKind.CloseBracket)
        {
            return new MetadataList(items, deviceOffset + token.Position);
        }

        while (true)
        {
            items.Add(Scalar(ref tokenizer, item, deviceOffset));
            var separator = tokenizer.Next();
            if (separator.Kind == MetadataTokenKind.CloseBracket)
            {
                return new MetadataList(items, deviceOffset + token.Position);
            }

            if (separator.Kind != MetadataTokenKind.Comma)
            {
                throw tokenizer.Error(separator.Position, $"expected ',' or ']' in a list, found \"{separator.Text}\"");
            }

            item = tokenizer.Next();
        }
    }

    private static MetadataValue Scalar(ref MetadataTokenizer tokenizer, MetadataToken token, long deviceOffset) => token.Kind switch
    {
        MetadataTokenKind.String => new MetadataString(token.Text, deviceOffset + token.Position),
        MetadataTokenKind.Integer => new MetadataInteger(token.Number, deviceOffset + token.Position),
        _ => throw tokenizer.Error(token.Position, $"expected a string or an integer, found \"{token.Text}\""),
    };
}
