using System.Text;
using Snapsight.Advisories.Feeds.Epss;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds.Epss;

/// <summary>Score files no feed should serve: each is read in part, its bad lines skipped, or refused whole, within the hostile-input bar.</summary>
public sealed class EpssHostileInputTests
{
    private static readonly byte[] Header = "#model_version:v2023.03.01,score_date:2025-02-20T00:00:00+0000\ncve,epss,percentile\nCVE-1999-0001,0.5,0.5\n"u8.ToArray();

    [Fact]
    public void A_gigabyte_line_is_skipped_without_being_buffered_and_the_next_line_read()
    {
        var sink = new RecordingSink();
        Assert.Null(HostileInput.Run(ct =>
        {
            sink = new RecordingSink();
            var content = new GeneratedStream(Header, (byte)'9', 1L << 30, "\nCVE-1999-0002,0.25,0.75\n"u8.ToArray());
            return EpssFeedFormat.Instance.ReadAsync(content, "test", sink, ct);
        }));
        Assert.Equal(["CVE-1999-0001", "CVE-1999-0002"], sink.EpssScores.Select(s => s.Cve));
        Assert.Equal("test:4", Assert.Single(sink.Skips).Where);
    }

    [Theory]
    [InlineData("")]
    [InlineData("#model_version:v1\n")]
    [InlineData("#model_version:v1\ncve,percentile,epss\nCVE-1999-0001,0.5,0.5\n")]
    [InlineData("#model_version:v1\n#second comment\ncve,epss,percentile\n")]
    [InlineData("CVE-1999-0001,0.5,0.5\n")]
    public void A_file_without_the_header_is_refused_whole(string text)
    {
        var sink = new RecordingSink();
        var error = HostileInput.Rejects(ct => EpssFeedFormat.Instance.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test", sink, ct));
        Assert.Equal("epss", error.Layer);
        Assert.Empty(sink.EpssScores);
    }

    [Fact]
    public void Invalid_utf8_a_nul_and_a_line_of_commas_are_skipped()
    {
        byte[] bad = [.. "CVE-1999-0002,0.5,"u8.ToArray(), 0xFF, 0xFE, (byte)'\n', .. "CVE-1999-0003\0,0.5,0.5\n"u8.ToArray(), .. Encoding.ASCII.GetBytes(new string(',', 1000) + "\n")];
        var sink = new RecordingSink();
        Assert.Null(HostileInput.Run(ct => EpssFeedFormat.Instance.ReadAsync(new MemoryStream([.. Header, .. bad]), "test", sink = new RecordingSink(), ct)));
        Assert.Equal(3, sink.Skips.Count);
        Assert.Single(sink.EpssScores);
    }

    [Fact]
    public void A_hundred_thousand_scores_stream_within_the_bar()
    {
        var body = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            body.Append("CVE-2024-").Append(10_000 + i).Append(",0.00043,0.09291\n");
        }

        var bytes = Encoding.ASCII.GetBytes(body.ToString());
        var sink = new RecordingSink();
        Assert.Null(HostileInput.Run(ct => EpssFeedFormat.Instance.ReadAsync(new MemoryStream([.. Header, .. bytes]), "test", sink = new RecordingSink(), ct)));
        Assert.Equal(100_001, sink.EpssScores.Count);
    }
}
