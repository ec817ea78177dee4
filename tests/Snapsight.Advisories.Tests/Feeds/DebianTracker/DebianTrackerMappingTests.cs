using System.Text;
using Snapsight.Advisories.Feeds.DebianTracker;
using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Tests.Feeds.DebianTracker;

/// <summary>
/// The tracker's statuses as its documentation (security-tracker.debian.org, "Tracker data
/// explained") defines them, on entries shaped like the live export's: no-DSA reasons, the
/// end-of-life urgency, undetermined, and urgencies with the "**" of an NVD-derived guess.
/// </summary>
public sealed class DebianTrackerMappingTests
{
    [Theory]
    [InlineData("""{"status":"open","urgency":"unimportant","nodsa":"Minor issue","nodsa_reason":"ignored"}""", AffectedStatus.WillNotFix, Severity.Low)]
    [InlineData("""{"status":"open","urgency":"low","nodsa":"Minor issue","nodsa_reason":"postponed"}""", AffectedStatus.FixDeferred, Severity.Low)]
    [InlineData("""{"status":"open","urgency":"medium**"}""", AffectedStatus.Affected, Severity.Medium)]
    [InlineData("""{"status":"open","urgency":"end-of-life"}""", AffectedStatus.EndOfLife, Severity.Unknown)]
    [InlineData("""{"status":"undetermined","urgency":"not yet assigned"}""", AffectedStatus.UnderInvestigation, Severity.Unknown)]
    [InlineData("""{"status":"resolved","fixed_version":"0","urgency":"unimportant"}""", AffectedStatus.NotAffected, Severity.Low)]
    [InlineData("""{"status":"resolved","fixed_version":"1.2-3+deb12u1","urgency":"high"}""", AffectedStatus.Fixed, Severity.High)]
    public void A_release_entry_maps_to_its_status_and_severity(string release, AffectedStatus status, Severity severity)
    {
        var json = "{\"openssl\":{\"CVE-2024-1\":{\"description\":\"d\",\"scope\":\"remote\",\"releases\":{\"bookworm\":" + release + ",\"sid\":" + release + ",\"forky\":" + release + "}}}}";
        var sink = CollectingFeedSink.Read(DebianTrackerFeedFormat.Instance, Encoding.UTF8.GetBytes(json));
        var range = Assert.Single(Assert.Single(sink.Advisories).Affected);
        Assert.Equal(new AdvisoryScope("debian", "12"), range.Scope);
        Assert.Equal("openssl", range.Package);
        Assert.Equal(status, range.Status);
        Assert.Equal(severity, range.Severity);
        Assert.Equal(status == AffectedStatus.Fixed, range.Fixed is not null);
    }

    [Fact]
    public void A_byte_order_mark_is_passed_over()
    {
        var sink = CollectingFeedSink.Read(DebianTrackerFeedFormat.Instance, [0xEF, 0xBB, 0xBF, .. """{"p":{"CVE-1":{"releases":{"trixie":{"status":"open"}}}}}"""u8.ToArray()]);
        Assert.Equal(new AdvisoryScope("debian", "13"), Assert.Single(Assert.Single(sink.Advisories).Affected).Scope);
    }

    [Fact]
    public void An_entry_for_releases_we_do_not_scope_gives_no_advisory()
    {
        var sink = CollectingFeedSink.Read(DebianTrackerFeedFormat.Instance, """{"p":{"TEMP-0000000-ABCDEF":{"releases":{"sid":{"status":"open"}}},"CVE-2022-0358":{"releases":[]}}}"""u8.ToArray());
        Assert.Empty(sink.Advisories);
        Assert.Empty(sink.Skips);
    }
}
