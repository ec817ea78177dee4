using System.Text;
using Snapsight.Advisories.Feeds;
using Snapsight.Advisories.Feeds.DebianTracker;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds.DebianTracker;

/// <summary>Tracker files no server should send: each is read in part (damage reported as skipped) or refused with a FeedFormatException, within the hostile-input bar.</summary>
public sealed class DebianTrackerHostileInputTests
{
    private const string Good = """{"releases":{"bookworm":{"status":"resolved","fixed_version":"1.0-1","urgency":"low"}}}""";

    [Theory]
    [InlineData("""[{"p":{}}]""")]
    [InlineData("""{"p":{"CVE-1":GOOD,"CVE-2":{"releases":{"bookworm":""")]
    [InlineData("""{"p":{"CVE-1":GOOD}} trailing""")]
    [InlineData("""{"p":{"CVE-1":GOOD""")]
    [InlineData("""{"p":{"CVE-1":{"x":DEEP}}}""")]
    [InlineData("""{"p":{"CVE-1":GOOD,"CVE-2":{"description":"\ud800"}}}""")]
    [InlineData("")]
    public void A_broken_file_is_refused_and_what_came_before_is_kept(string json)
    {
        var sink = new CollectingFeedSink();
        var error = Run(json, sink);
        if (json.Contains("trailing", StringComparison.Ordinal))
        {
            // The top-level object ended: what follows it is never read.
            Assert.Null(error);
        }
        else if (!json.Contains("ud800", StringComparison.Ordinal))
        {
            Assert.IsType<FeedFormatException>(error);
        }

        Assert.Equal(json.StartsWith("{\"p\":{\"CVE-1\":GOOD", StringComparison.Ordinal) ? 1 : 0, sink.Advisories.Count);
    }

    [Fact]
    public void Values_of_the_wrong_type_are_skipped_and_the_rest_read()
    {
        var json = """
            {"a":5,"b":[1,{"CVE-9":GOOD}],"c":{"CVE-1":"text","CVE-2":{"releases":5},"CVE-3":{"releases":{"bookworm":{"status":7}}},
             "CVE-4":{"releases":{"bookworm":{"status":"fixed"}}},"CVE-5":{"releases":{"bookworm":{"status":"resolved"}}},"CVE-6":[],"CVE-7":GOOD}}
            """;
        var sink = new CollectingFeedSink();
        Assert.Null(Run(json, sink));
        Assert.Equal("CVE-7", Assert.Single(sink.Advisories).Vulnerability.Id);
        Assert.Equal(8, sink.Skips.Count);
    }

    [Fact]
    public void An_entry_over_the_cap_is_streamed_past_and_the_next_read()
    {
        // Many small tokens: one token must fit the buffer, an entry need not.
        var scope = string.Join(',', Enumerable.Repeat("\"x\"", DebianTrackerLimits.MaxEntryBytes / 2));
        var json = "{\"p\":{\"CVE-1\":{\"description\":\"d\",\"scope\":[" + scope + "]},\"CVE-2\":GOOD}}";
        var sink = new CollectingFeedSink();
        Assert.Null(Run(json, sink));
        Assert.Equal("CVE-2", Assert.Single(sink.Advisories).Vulnerability.Id);
        Assert.Contains(sink.Skips, s => s.Where.EndsWith("p/CVE-1", StringComparison.Ordinal));
    }

    [Fact]
    public void An_entry_bigger_than_the_first_buffer_but_under_the_cap_is_read_whole()
    {
        var description = new string('d', 600_000);
        var sink = new CollectingFeedSink();
        Assert.Null(Run("{\"p\":{\"CVE-1\":{\"description\":\"" + description + "\",\"releases\":{\"bookworm\":{\"status\":\"open\"}}}}}", sink));
        Assert.Equal(description, Assert.Single(sink.Advisories).Vulnerability.Description);
    }

    [Fact]
    public void A_single_token_over_the_cap_is_refused()
    {
        var error = Run("{\"" + new string('p', 3 * 1024 * 1024) + "\":{}}", new CollectingFeedSink());
        Assert.IsType<FeedFormatException>(error);
    }

    [Fact]
    public void Two_hundred_thousand_entries_stream_through_within_the_bar()
    {
        var entries = string.Join(',', Enumerable.Range(0, 200_000).Select(i => "\"CVE-" + i + "\":{\"releases\":{\"sid\":{\"status\":\"open\"}}}"));
        var sink = new CollectingFeedSink();
        Assert.Null(Run("{\"p\":{" + entries + "}}", sink));
        Assert.Empty(sink.Advisories);
        Assert.Empty(sink.Skips);
    }

    [Fact]
    public void A_thousand_releases_in_one_entry_are_refused_for_that_entry()
    {
        var releases = string.Join(',', Enumerable.Range(0, 1000).Select(i => "\"r" + i + "\":{\"status\":\"open\"}"));
        var sink = new CollectingFeedSink();
        Assert.Null(Run("{\"p\":{\"CVE-1\":{\"releases\":{" + releases + "}},\"CVE-2\":GOOD}}", sink));
        Assert.Equal("CVE-2", Assert.Single(sink.Advisories).Vulnerability.Id);
        Assert.Single(sink.Skips);
    }

    private static Snapsight.Disk.DiskFormatException? Run(string json, CollectingFeedSink sink)
    {
        var bytes = Encoding.UTF8.GetBytes(json.Replace("GOOD", Good, StringComparison.Ordinal).Replace("DEEP", new string('[', 100_000), StringComparison.Ordinal));
        return HostileInput.Run(ct =>
        {
            sink.Clear();
            return DebianTrackerFeedFormat.Instance.ReadAsync(new MemoryStream(bytes), "test", sink, ct);
        });
    }
}
