using System.Text;
using CsCheck;
using Snapsight.Disk.Lvm;

namespace Snapsight.Disk.Tests.Lvm;

/// <summary>
/// Property test of the tokenizer and parser: random section trees (names, strings with
/// quotes, backslashes and '#', integers, flat lists) are written in the LVM text syntax with
/// comments and odd spacing, and must parse back to the same tree.
/// </summary>
public sealed class MetadataTextRoundTripTests
{
    private abstract record Node(string Name);

    private sealed record Value(string Name, object Content) : Node(Name);

    private sealed record Section(string Name, Node[] Children) : Node(Name);

    private static readonly Gen<string> Names = Gen.Select(Gen.Char["abcxyz_"], Gen.String[Gen.Char["abcdefgh0123456789_.-+"], 0, 8], (c, rest) => c + rest);

    private static readonly Gen<object> Scalars = Gen.OneOf(
        Gen.Long.Select(n => (object)n),
        Gen.String[Gen.Char["ab \"\\#{}[],=\t/é"], 0, 12].Select(s => (object)s));

    private static readonly Gen<object> Contents = Gen.OneOf(Scalars, Scalars.Array[0, 5].Select(items => (object)items));

    private static Gen<Node[]> Children(int depth) =>
        Gen.OneOf(
                Gen.Select(Names, Contents).Select(p => (Node)new Value(p.Item1, p.Item2)),
                depth == 0 ? Gen.Select(Names, Contents).Select(p => (Node)new Value(p.Item1, p.Item2))
                    : Gen.Select(Names, Children(depth - 1)).Select(p => (Node)new Section(p.Item1, p.Item2)))
            .Array[0, 5]
            .Select(nodes => nodes.DistinctBy(n => n.Name).ToArray());

    [Fact]
    public void Written_trees_parse_back_to_themselves() =>
        Gen.Select(Children(3), Gen.Int[0, 3]).Sample((tree, style) =>
        {
            var text = new StringBuilder("# written by the round-trip test\n");
            Write(text, tree, style, 0);
            var parsed = MetadataParser.Parse(Encoding.UTF8.GetBytes(text.ToString()), 0);
            AssertSame(tree, parsed);
        });

    private static void Write(StringBuilder text, Node[] nodes, int style, int depth)
    {
        var gap = style switch { 0 => " ", 1 => "\n", 2 => "\t# comment { [ \"\n", _ => "  " };
        foreach (var node in nodes)
        {
            text.Append(new string('\t', depth)).Append(node.Name);
            if (node is Section section)
            {
                text.Append(" {").Append(gap);
                Write(text, section.Children, style, depth + 1);
                text.Append('}').Append(gap);
            }
            else
            {
                text.Append(style == 1 ? "=" : " = ").Append(Format(((Value)node).Content)).Append(gap);
            }
        }
    }

    private static string Format(object content) => content switch
    {
        long n => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        object[] items => "[" + string.Join(", ", items.Select(Format)) + "]",
        _ => throw new ArgumentException("unexpected content", nameof(content)),
    };

    private static void AssertSame(Node[] expected, MetadataSection actual)
    {
        Assert.Equal(expected.OfType<Section>().Select(s => s.Name), actual.Children.Select(c => c.Name));
        foreach (var section in expected.OfType<Section>())
        {
            AssertSame(section.Children, actual.Child(section.Name)!);
        }

        foreach (var value in expected.OfType<Value>())
        {
            AssertSameValue(value.Content, actual[value.Name]);
        }
    }

    private static void AssertSameValue(object expected, MetadataValue? actual)
    {
        switch (expected)
        {
            case long n:
                Assert.Equal(n, Assert.IsType<MetadataInteger>(actual).Number);
                break;
            case string s:
                Assert.Equal(s, Assert.IsType<MetadataString>(actual).Text);
                break;
            case object[] items:
                var list = Assert.IsType<MetadataList>(actual);
                Assert.Equal(items.Length, list.Items.Count);
                for (var i = 0; i < items.Length; i++)
                {
                    AssertSameValue(items[i], list.Items[i]);
                }

                break;
        }
    }
}
