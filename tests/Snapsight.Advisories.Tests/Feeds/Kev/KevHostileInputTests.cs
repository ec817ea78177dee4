using System.Text;
using Snapsight.Advisories.Feeds.Kev;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds.Kev;

/// <summary>Catalogues no feed should serve: each is read in part or refused with a FeedFormatException within the hostile-input bar.</summary>
public sealed class KevHostileInputTests
{
    private const string Good = """{"cveID":"CVE-2021-44228","dateAdded":"2021-12-10","dueDate":"2021-12-24"}""";

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("""{"catalogVersion":"1","count":0}""")]
    [InlineData("""{"catalogVersion":"1","vulnerabilities":[GOOD,""")]
    [InlineData("""{"catalogVersion":"1","vulnerabilities":[DEEP]}""")]
    public void A_broken_catalogue_is_refused_after_the_entries_before_the_damage(string json)
    {
        var sink = new RecordingSink();
        var error = HostileInput.Rejects(ct => Read(json, sink = new RecordingSink(), ct));
        Assert.Equal("kev", error.Layer);
        Assert.True(sink.KevEntries.Count <= 1);
    }

    [Theory]
    [InlineData("""{"cveID":"CVE-2021-1","dateAdded":"2021-12-10"}""", "not a CVE id")]
    [InlineData("""{"cveID":"CVE-2021-44228"}""", "dateAdded missing")]
    [InlineData("""{"cveID":44228,"dateAdded":"2021-12-10"}""", "cveID: expected a JSON string")]
    [InlineData("""{"cveID":"CVE-2021-44228","dateAdded":"2021-12-10","dueDate":["x"]}""", "dueDate: expected")]
    [InlineData("""{"cveID":"CVE-2021-44228","dateAdded":"\ud800"}""", "not valid UTF-16")]
    [InlineData("\"CVE-2021-44228\"", "entry: expected a JSON object")]
    public void A_bad_entry_is_skipped_and_the_next_still_read(string entry, string reason)
    {
        var sink = new RecordingSink();
        Assert.Null(HostileInput.Run(ct => Read($$"""{"catalogVersion":"1","vulnerabilities":[{{entry}},{{Good}}]}""", sink = new RecordingSink(), ct)));
        Assert.Contains(reason, Assert.Single(sink.Skips).Reason, StringComparison.Ordinal);
        Assert.Equal("CVE-2021-44228", Assert.Single(sink.KevEntries).Cve);
    }

    [Fact]
    public void An_entry_over_the_cap_ends_the_file_without_buffering_it_all()
    {
        var notes = new string('n', KevFeedFormat.MaxEntryBytes);
        var json = $$"""{"catalogVersion":"1","vulnerabilities":[{{Good}},{"cveID":"CVE-2021-44228","notes":"{{notes}}"},{{Good}}]}""";
        var sink = new RecordingSink();
        var error = HostileInput.Rejects(ct => Read(json, sink = new RecordingSink(), ct));
        Assert.Contains("cap", error.Message, StringComparison.Ordinal);
        Assert.Single(sink.KevEntries);
    }

    [Fact]
    public void A_hundred_thousand_entries_and_a_byte_order_mark_are_read_in_the_bar()
    {
        var json = "\uFEFF" + """{"catalogVersion":"1","vulnerabilities":[""" + string.Join(',', Enumerable.Repeat(Good, 100_000)) + "]}";
        var sink = new RecordingSink();
        Assert.Null(HostileInput.Run(ct => Read(json, sink = new RecordingSink(), ct)));
        Assert.Equal(100_000, sink.KevEntries.Count);
    }

    private static Task Read(string json, RecordingSink sink, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(json.Replace("GOOD", Good, StringComparison.Ordinal).Replace("DEEP", new string('[', 100_000), StringComparison.Ordinal));
        return KevFeedFormat.Instance.ReadAsync(new MemoryStream(bytes), "test", sink, cancellationToken);
    }
}
