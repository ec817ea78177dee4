using System.Text;
using Snapsight.Advisories.Feeds;
using Snapsight.Advisories.Feeds.Alas;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds.Alas;

/// <summary>updateinfo files no mirror should serve: each is read in part (damage reported as skipped) or refused with a FeedFormatException, within the hostile-input bar, and nothing is fetched or expanded.</summary>
public sealed class AlasHostileInputTests
{
    private const string Good = """<update><id>ALAS2-2024-1</id><severity>low</severity><pkglist><collection><package name="a" epoch="0" version="1" release="1.amzn2" arch="x86_64"/></collection></pkglist></update>""";

    [Theory]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE updates [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]><updates><update><id>&i;</id></update></updates>""")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE updates [<!ENTITY x SYSTEM "file:///etc/passwd">]><updates><update><id>&x;</id></update></updates>""")]
    [InlineData("""<updates>GOOD<update><id>ALAS2-2024-2</id><pkglist><package name="b\u0000""")]
    [InlineData("""<updates>GOOD<update>""")]
    [InlineData("""<other>GOOD</other>""")]
    [InlineData("""<updates>GOOD<update><id>ALAS2-2024-7</id><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x></update></updates>""")]
    [InlineData("""{"id":"ALAS2-2024-1"}""")]
    [InlineData("")]
    public void A_broken_or_dangerous_file_is_refused(string xml)
    {
        var sink = new CollectingFeedSink();
        Assert.IsType<FeedFormatException>(Run(xml, sink));
        Assert.Equal(xml.StartsWith("<updates>GOOD", StringComparison.Ordinal) ? 1 : 0, sink.Advisories.Count);
    }

    [Fact]
    public void Updates_of_the_wrong_shape_are_skipped_and_the_rest_read()
    {
        var xml = $"""
            <updates>
              <update><title>no id</title></update>
              <update><id>ALAS2-2024-3</id><pkglist><collection><package name="a" version="1"/></collection></pkglist></update>
              <update><id>RHSA-2024:1</id></update>
              <update><id>ALAS2-2024-4</id><description>{new string('d', AlasLimits.MaxTextChars + 1)}</description></update>
              <update><id>ALAS2-2024-5</id><pkglist>{string.Concat(Enumerable.Repeat("""<package name="p" version="1" release="1"/>""", AlasLimits.MaxListCount + 1))}</pkglist></update>
              <update><id>ALAS2-2024-6</id>{string.Concat(Enumerable.Repeat("<x>", 50_000))}{string.Concat(Enumerable.Repeat("</x>", 50_000))}</update>
              GOOD
            </updates>
            """;
        var sink = new CollectingFeedSink();
        Assert.Null(Run(xml, sink));
        Assert.True(sink.Skips.Count == 6, string.Join('\n', sink.Skips));
        Assert.Equal("ALAS2-2024-1", Assert.Single(sink.Advisories).Vulnerability.Id);
        Assert.Equal(6, sink.Skips.Count);
    }

    [Fact]
    public void A_hundred_thousand_updates_stream_through_within_the_bar()
    {
        var xml = "<updates>" + string.Concat(Enumerable.Repeat("<update><id>ALAS-2024-1</id></update>", 100_000)) + "</updates>";
        var sink = new CollectingFeedSink();
        Assert.Null(Run(xml, sink));
        Assert.Equal(100_000, sink.Advisories.Count);
    }

    private static Snapsight.Disk.DiskFormatException? Run(string xml, CollectingFeedSink sink)
    {
        var bytes = Encoding.UTF8.GetBytes(xml.Replace("GOOD", Good, StringComparison.Ordinal));
        return HostileInput.Run(ct =>
        {
            sink.Clear();
            return AlasFeedFormat.Instance.ReadAsync(new MemoryStream(bytes), "test", sink, ct);
        });
    }
}
