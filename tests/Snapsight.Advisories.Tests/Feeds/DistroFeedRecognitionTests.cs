using System.IO.Compression;
using System.Text.RegularExpressions;
using Snapsight.Advisories.Feeds;
using Snapsight.Advisories.Feeds.Alas;
using Snapsight.Advisories.Feeds.AlpineSecdb;
using Snapsight.Advisories.Feeds.DebianTracker;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds;

/// <summary>
/// Recognition by content over every file of the shared advisory data (gzip inflated first, as
/// db import does): each distribution format claims exactly the files its upstream publishes in
/// that form, known here by where the samples were collected, and none of the others (OSV
/// records, goldens, HTML, RSS, other trackers' formats).
/// </summary>
public sealed class DistroFeedRecognitionTests
{
    public static TheoryData<string, string> Formats() => new()
    {
        { DebianTrackerFeedFormat.Instance.Name, "^debian/vunnel/debian/test-fixtures/input/debian\\.json$" },
        {
            AlpineSecdbFeedFormat.Instance.Name,
            "^alpine/(alpine-secdb-yaml-full/v[0-9.]+/[a-z]+\\.yaml|secdb-json-derived-from-yaml/[^/]+\\.json|vuln-list-update/alpine/testdata/[a-z0-9]+-(main|community)\\.json|vunnel/alpine/test-fixtures/input/secdb/v[0-9.]+/[a-z]+\\.yaml)$"
        },
        {
            // vuln-list-update's Rocky "invalid updateinfo" fixture is a copy of the truncated ALAS2 one (its first id is ALAS2-2018-939).
            AlasFeedFormat.Instance.Name,
            "^(amazon/vuln-list-update/amazon/testdata/fixtures/updateinfo_[^/]+\\.xml|rocky/vuln-list-update/rocky/testdata/fixtures/updateinfo_invalid/updateinfo\\.xml)\\.gz$"
        },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_format_claims_exactly_its_own_samples(string name, string ownPaths)
    {
        var format = FeedFormats.Named(name)!;
        var root = SharedData.Path("advisories");
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(root, path)).Order(StringComparer.Ordinal).ToArray();
        var claimed = files.Where(path => format.Recognises(Head(Path.Combine(root, path)))).ToArray();
        var own = files.Where(path => Regex.IsMatch(path, ownPaths)).ToArray();
        Assert.True(own.Length > 0);
        Assert.Equal(own, claimed);
    }

    [Fact]
    public void Empty_and_binary_heads_are_claimed_by_no_distribution_format()
    {
        byte[][] heads = [[], [0xEF, 0xBB, 0xBF], [0x1F, 0x8B, 0x08, 0x00], "{\"distroversion\":"u8.ToArray(), "<updates><update><id>"u8.ToArray(), "---\n"u8.ToArray()];
        foreach (var head in heads)
        {
            Assert.False(DebianTrackerFeedFormat.Instance.Recognises(head));
            Assert.False(AlpineSecdbFeedFormat.Instance.Recognises(head));
            Assert.False(AlasFeedFormat.Instance.Recognises(head));
        }
    }

    private static byte[] Head(string path)
    {
        using var file = File.OpenRead(path);
        using var content = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        var head = new byte[FeedFormats.HeadBytes];
        var length = 0;
        int read;
        while (length < head.Length && (read = content.Read(head, length, head.Length - length)) > 0)
        {
            length += read;
        }

        return head[..length];
    }
}
