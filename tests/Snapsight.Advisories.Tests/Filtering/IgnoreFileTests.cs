using System.Text;
using CsCheck;
using Snapsight.Advisories.Feeds;
using Snapsight.Advisories.Filtering;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Filtering;

public sealed class IgnoreFileTests
{
    [Fact]
    public void Ids_expiry_and_reasons_are_read_and_comments_skipped()
    {
        var rules = IgnoreFile.Parse("# header\n\nCVE-2024-1 exp:2025-06-30 # upstream says unreachable\r\nGHSA-abcd-efgh-ijkl\n  ALSA-2023:6938 until:2030-01-01\n", "ignore");

        Assert.Equal(
            [new IgnoreRule("CVE-2024-1", new DateOnly(2025, 6, 30), "upstream says unreachable", 3), new IgnoreRule("GHSA-abcd-efgh-ijkl", null, null, 4), new IgnoreRule("ALSA-2023:6938", new DateOnly(2030, 1, 1), null, 5)],
            rules);
    }

    [Fact]
    public void Any_id_with_any_date_and_reason_reads_back_as_written()
    {
        var ids = Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-:_."], 1, 40];
        var dates = Gen.Frequency((1, Gen.Const((DateOnly?)null)), (3, Gen.DateOnly[new DateOnly(2000, 1, 1), new DateOnly(2999, 12, 31)].Select(d => (DateOnly?)d)));
        var reasons = Gen.String[Gen.Char.AlphaNumeric, 0, 30].Null();
        Gen.Select(ids, dates, reasons).Sample(t =>
        {
            var (id, until, reason) = t;
            var line = id + (until is { } d ? $" exp:{d:yyyy-MM-dd}" : "") + (reason is { Length: > 0 } r ? $" # {r}" : "");
            var rule = Assert.Single(IgnoreFile.Parse(line, "ignore"));
            Assert.Equal(new IgnoreRule(id, until, reason is { Length: > 0 } ? reason : null, 1), rule);
        });
    }

    [Theory]
    [InlineData("CVE-1 exp:2025-13-01", "line 1")]
    [InlineData("ok\nCVE-1 until=2025-01-01", "line 2")]
    [InlineData("CVE-1 exp:", "line 1")]
    public void A_line_it_cannot_read_is_an_error_naming_the_line(string text, string where)
    {
        var error = HostileInput.Run(_ => Task.FromResult(IgnoreFile.Parse(text, "ignore")));
        Assert.IsType<FeedFormatException>(error);
        Assert.EndsWith(where, error.Structure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_cap_is_refused_before_it_is_split()
    {
        var text = new StringBuilder().Append('x', IgnoreFile.MaxBytes + 1).ToString();
        Assert.IsType<FeedFormatException>(HostileInput.Run(_ => Task.FromResult(IgnoreFile.Parse(text, "ignore"))));
    }
}
