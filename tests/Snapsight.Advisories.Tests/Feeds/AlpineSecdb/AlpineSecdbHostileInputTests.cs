using System.Text;
using Snapsight.Advisories.Feeds;
using Snapsight.Advisories.Feeds.AlpineSecdb;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds.AlpineSecdb;

/// <summary>Secdb files no server should send, JSON and YAML: each is read in part (damage reported as skipped) or refused with a FeedFormatException, within the hostile-input bar.</summary>
public sealed class AlpineSecdbHostileInputTests
{
    [Theory]
    [InlineData("""{"distroversion":"v3.18","packages":[{"pkg":{"name":"a","secfixes":{"1-r0":["CVE-1"]""")]
    [InlineData("""{"reponame":"main","packages":[]}""")]
    [InlineData("""{"distroversion":"v3.18","packages":DEEP}""")]
    [InlineData("""{"distroversion":"v3.18","packages":[{"pkg":{"name":"\ud800"}}]}""")]
    [InlineData("reponame: main\npackages:\n  - pkg:\n      name: a\n")]
    public void A_broken_file_is_refused(string text)
    {
        var error = Run(text, new CollectingFeedSink());
        Assert.IsType<FeedFormatException>(error);
    }

    [Fact]
    public void Json_values_of_the_wrong_type_are_skipped_and_the_rest_read()
    {
        var sink = new CollectingFeedSink();
        Assert.Null(Run("""
            {"distroversion":"v3.18","packages":[5,{"pkg":[]},{"pkg":{"secfixes":{}}},{"pkg":{"name":"a","secfixes":[]}},
              {"pkg":{"name":"b","secfixes":{"1-r0":"CVE-1","2-r0":[7,"CVE-2"],"3-r0":null}}}]}
            """, sink));
        Assert.Equal("CVE-2", Assert.Single(sink.Advisories).Vulnerability.Id);
        Assert.Equal(6, sink.Skips.Count);
    }

    [Fact]
    public void Yaml_features_outside_the_secdb_shape_are_skipped_not_expanded()
    {
        var yaml = """
            ---
            distroversion: v3.18
            packages:
              - pkg:
                  name: a
                  secfixes:
                    1-r0: [CVE-1, CVE-2]
                    2-r0:
                      - &anchor CVE-3
                      - *anchor
                      - {x: 1}
                      - CVE-4 # a comment
                      - 'CVE-5'
                    "0":
                      - "CVE-6"
              - stray
            """;
        var sink = new CollectingFeedSink();
        Assert.Null(Run(yaml, sink));
        Assert.Equal(["CVE-4", "CVE-5", "CVE-6"], sink.Advisories.Select(a => a.Vulnerability.Id).Order());
        Assert.Equal(5, sink.Skips.Count);
    }

    [Fact]
    public void A_line_over_the_cap_and_a_million_bad_lines_are_skipped_cheaply()
    {
        var yaml = "distroversion: v3.18\npackages:\n" + new string('x', AlpineSecdbLimits.MaxLineChars + 1) + "\n" + string.Concat(Enumerable.Repeat("- stray\n", 1_000_000));
        var sink = new CollectingFeedSink();
        Assert.Null(Run(yaml, sink));
        Assert.Empty(sink.Advisories);
        Assert.Equal(101, sink.Skips.Count);
    }

    [Fact]
    public void A_file_over_the_cap_is_refused_unread()
    {
        var sink = new CollectingFeedSink();
        var error = HostileInput.Run(ct => AlpineSecdbFeedFormat.Instance.ReadAsync(new TrickleStream(new byte[AlpineSecdbLimits.MaxFileBytes + 1], 1 << 20), "test", sink, ct));
        Assert.IsType<FeedFormatException>(error);
    }

    private static Snapsight.Disk.DiskFormatException? Run(string text, CollectingFeedSink sink)
    {
        var bytes = Encoding.UTF8.GetBytes(text.Replace("DEEP", new string('[', 100_000), StringComparison.Ordinal));
        return HostileInput.Run(ct =>
        {
            sink.Clear();
            return AlpineSecdbFeedFormat.Instance.ReadAsync(new MemoryStream(bytes), "test", sink, ct);
        });
    }
}
