using System.Text;
using Snapsight.Advisories.Feeds.Osv;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds.Osv;

/// <summary>Records no feed should hold: each is read or refused with a clear OsvFormatException within the hostile-input bar (archives: Import/FeedInputsHostileTests).</summary>
public sealed class OsvHostileInputTests
{
    private const string Head = """{"id":"HOSTILE-1","affected":[{"package":{"ecosystem":"npm","name":"x"},"ranges":[{"type":"SEMVER","events":""";

    [Theory]
    [InlineData("""{"id":"X","database_specific":DEEP}""", "record")]
    [InlineData("""{"summary":"no id"}""", "id")]
    [InlineData("""{"id":42}""", "id")]
    [InlineData("""[{"id":"X"}]""", "record")]
    [InlineData("""{"id":"X","affected":[{"ranges":[{"type":"SEMVER","events":{"introduced":"0"}}]}]}""", "affected[0].ranges[0].events")]
    [InlineData("""{"id":"X","affected":[{"package":{"ecosystem":7,"name":"x"}}]}""", "affected[0].package.ecosystem")]
    [InlineData("""{"id":"X","affected":[{"ranges":[{"type":"SEMVER","events":[{"introduced":"0","fixed":"1"}]}]}]}""", "affected[0].ranges[0].events[0]")]
    [InlineData("""{"id":"X","affected":[{"ranges":[{"type":"SEMVER","events":[{"fixd":"1"}]}]}]}""", "affected[0].ranges[0].events[0]")]
    [InlineData("""{"id":"X","aliases":["CVE-1",null]}""", "aliases[1]")]
    [InlineData("{\"id\":\"X\0\"}", "record")]
    [InlineData("""{"id":"X","summary":"\ud800"}""", "record")]
    [InlineData("""{"id":"X","affected":[{"package":{"ecosystem":"npm","na""", "record")]
    [InlineData("", "record")]
    public void A_malformed_record_is_refused_naming_the_field(string json, string field)
    {
        var bytes = Encoding.UTF8.GetBytes(json.Replace("DEEP", new string('[', 100_000), StringComparison.Ordinal));
        var error = HostileInput.Run(_ => Task.FromResult(OsvRecordParser.Parse(bytes)));
        Assert.IsType<OsvFormatException>(error);
        Assert.Equal(field, error.Structure);
    }

    [Fact]
    public void A_million_events_are_refused_before_the_list_is_built()
    {
        var events = string.Join(',', Enumerable.Repeat("""{"fixed":"1"}""", 1_000_000));
        var bytes = Encoding.UTF8.GetBytes(Head + "[" + events + "]}]}]}");
        var error = HostileInput.Run(_ => Task.FromResult(OsvRecordParser.Parse(bytes)));
        Assert.Equal("affected[0].ranges[0].events", error?.Structure);
    }

    [Fact]
    public void A_fifteen_megabyte_string_and_an_escaped_nul_are_kept_as_written()
    {
        var details = new string('d', 15 * 1024 * 1024);
        var bytes = Encoding.UTF8.GetBytes("""{"id":"X\u0000Y","details":"DETAILS"}""".Replace("DETAILS", details, StringComparison.Ordinal));
        OsvRecord? record = null;
        Assert.Null(HostileInput.Run(_ => Task.FromResult(record = OsvRecordParser.Parse(bytes))));
        Assert.Equal("X\0Y", record!.Id);
        Assert.Equal(details.Length, record.Details!.Length);
    }

    [Fact]
    public void A_record_over_the_cap_is_refused_unread()
    {
        var bytes = new byte[OsvLimits.MaxRecordBytes + 1];
        var error = HostileInput.Run(_ => Task.FromResult(OsvRecordParser.Parse(bytes)));
        Assert.Equal("record", error?.Structure);
    }
}
