using CsCheck;
using Snapsight.Compliance.DataStreams;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Compliance.Tests.DataStreams;

/// <summary>Crafted bad data streams: each is refused with a format error naming the element and line, within the hostile-input bar.</summary>
public sealed class DataStreamHostileTests
{
    private static ScapFormatException Rejects(byte[] input) =>
        Assert.IsType<ScapFormatException>(HostileInput.Rejects(_ => Task.FromResult(ScapDataStreamReader.Read(new MemoryStream(input)))));

    [Fact]
    public void A_billion_laughs_dtd_is_refused()
    {
        var laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <ds:data-stream-collection xmlns:ds="http://scap.nist.gov/schema/scap/source/1.2">&lol3;</ds:data-stream-collection>
            """;
        Assert.Contains("DTD", Rejects(SmallDataStream.Bytes(laughs)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_before_the_stack_suffers()
    {
        const int depth = 100_000;
        var deep = SmallDataStream.Text().Replace("<rationale>", string.Concat(Enumerable.Repeat("<h:p>", depth)) + "<rationale>", StringComparison.Ordinal);
        var error = Rejects(SmallDataStream.Bytes(deep));
        Assert.Contains("nested deeper", error.Message, StringComparison.Ordinal);
        Assert.Equal("p", error.Element);
    }

    [Theory]
    [InlineData("<rationale>")] // prose the reader drops: the elements are only counted
    [InlineData("<unix:filepath operation=\"equals\" datatype=\"string\">")] // an OVAL object: the elements are kept
    public void Too_many_elements_are_refused(string insideOf)
    {
        var many = SmallDataStream.Text().Replace(insideOf, insideOf + new System.Text.StringBuilder().Insert(0, "<b/>", ScapReadLimits.MaxElements), StringComparison.Ordinal);
        Assert.Contains("more than", Rejects(SmallDataStream.Bytes(many)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_data_stream_is_refused_with_its_line()
    {
        var text = SmallDataStream.Text();
        var error = Rejects(SmallDataStream.Bytes(text[..(text.Length * 2 / 3)]));
        Assert.True(error.Line > 1, error.Message);
    }

    [Fact]
    public void Huge_text_is_refused()
    {
        var huge = SmallDataStream.Text(ruleTitle: new string('x', ScapReadLimits.MaxTextCharacters + 1));
        var error = Rejects(SmallDataStream.Bytes(huge));
        Assert.Equal("title", error.Element);
    }

    [Fact]
    public void A_huge_attribute_stays_within_the_bar() =>
        HostileInput.Run(_ => Task.FromResult(ScapDataStreamReader.Read(new MemoryStream(SmallDataStream.Bytes(
            SmallDataStream.Text().Replace("id=\"xccdf_rule_hidden\"", $"id=\"{new string('r', 8 * 1024 * 1024)}\"", StringComparison.Ordinal))))));

    [Fact]
    public void A_checklist_pointing_at_no_component_is_refused()
    {
        var error = Rejects(SmallDataStream.Bytes(SmallDataStream.Text(checklistHref: "#nowhere")));
        Assert.Equal("component-ref", error.Element);
    }

    [Fact]
    public void A_checklist_pointing_outside_the_document_is_refused() =>
        Assert.Contains("not a reference inside", Rejects(SmallDataStream.Bytes(SmallDataStream.Text(checklistHref: "file:///etc/passwd"))).Message, StringComparison.Ordinal);

    [Fact]
    public void A_profile_extending_itself_is_refused() =>
        Rejects(SmallDataStream.Bytes(SmallDataStream.Text().Replace("<Profile id=\"xccdf_base\">", "<Profile id=\"xccdf_base\" extends=\"xccdf_child\">", StringComparison.Ordinal)));

    [Fact]
    public void Damaged_copies_give_a_model_or_a_format_error() =>
        Gen.Int[0, SmallDataStream.Bytes(SmallDataStream.Text()).Length - 1].Select(Gen.Byte, Gen.Bool).Sample((at, value, cut) =>
        {
            var input = SmallDataStream.Bytes(SmallDataStream.Text());
            input[at] = value;
            var damaged = cut ? input[..at] : input;
            try
            {
                ScapDataStreamReader.Read(new MemoryStream(damaged));
            }
            catch (ScapFormatException)
            {
                // the expected answer to damage
            }
        }, iter: 2000);
}
