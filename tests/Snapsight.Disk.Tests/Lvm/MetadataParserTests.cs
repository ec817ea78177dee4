using System.Text;
using Snapsight.Disk.Lvm;

namespace Snapsight.Disk.Tests.Lvm;

public sealed class MetadataParserTests
{
    private static MetadataSection Parse(string text) => MetadataParser.Parse(Encoding.UTF8.GetBytes(text), 0);

    [Fact]
    public void Text_in_the_vgcfgbackup_shape_gives_the_volume_group_it_describes()
    {
        var pv = new PvSpec("pv0", "aaaaaa-1111-2222-3333-4444-5555-bbbbbb", 2048, 100, 1 << 20);
        var lv = new LvSpec("root", "rrrrrr-0000-0000-0000-0000-0000-rrrrrr",
            new SegSpec(10, 0, ("pv0", 5)), new SegSpec(6, 16, ("pv0", 20), ("pv0", 40)));

        var vg = VolumeGroupMetadataReader.Read(Parse(LvmMetadataText.Write("vg-01", "vgid", 8192, [pv], [lv], seqno: 42)));

        Assert.Equal(("vg-01", "vgid", 42L, 8192L * 512), (vg.Name, vg.Id, vg.SequenceNumber, vg.ExtentBytes));
        Assert.Equal(new PhysicalVolumeMetadata("pv0", pv.Uuid, 2048L * 512, 100), vg.PhysicalVolumes["pv0"]);
        var root = Assert.Single(vg.LogicalVolumes);
        Assert.Equal(16, root.ExtentCount);
        Assert.Equal([(0L, 10L, 1), (10L, 6L, 2)], root.Segments.Select(s => (s.StartExtent, s.ExtentCount, s.Stripes.Count)));
        Assert.Equal(16 * 512, root.Segments[1].StripeBytes);
        Assert.Equal([new StripeMetadata("pv0", 20), new StripeMetadata("pv0", 40)], root.Segments[1].Stripes);
    }

    [Fact]
    public void Strings_escapes_comments_lists_and_numeric_names_are_read_as_lvm_writes_them()
    {
        var root = Parse("# header\n123 {\n a = \"x\\\"y # not a comment\" # a comment\n b = [ ]\n c = [\"p\", 1, -2]\n}\nversion = 1\n\0\0");

        var section = Assert.Single(root.Children);
        Assert.Equal("123", section.Name);
        Assert.Equal("x\"y # not a comment", Assert.IsType<MetadataString>(section["a"]).Text);
        Assert.Empty(Assert.IsType<MetadataList>(section["b"]).Items);
        Assert.Equal([1L, -2L], Assert.IsType<MetadataList>(section["c"]).Items.OfType<MetadataInteger>().Select(i => i.Number));
        Assert.Equal(1, Assert.IsType<MetadataInteger>(root["version"]).Number);
    }

    [Theory]
    [InlineData("a = \"open", "unterminated string")]
    [InlineData("a { b = 1", "section \"a\" is not closed")]
    [InlineData("a = 1\na = 2", "\"a\" appears twice")]
    [InlineData("a = [[1]]", "expected a string or an integer")]
    [InlineData("a = 99999999999999999999", "does not fit in 64 bits")]
    [InlineData("a = 1 }", "expected a name")]
    [InlineData("a = \u0001", "unexpected character U+0001")]
    [InlineData("a b", "expected '=' or '{'")]
    public void Malformed_text_is_refused_with_the_reason(string text, string reason)
    {
        var error = Assert.Throws<DiskFormatException>(() => Parse(text));
        Assert.Contains(reason, error.Message);
    }
}
