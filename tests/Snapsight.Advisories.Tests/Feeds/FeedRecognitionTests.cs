using Snapsight.Advisories.Feeds;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds;

/// <summary>
/// Recognition over every file of the shared advisory data: each format claims exactly the files
/// python3 says are in it (by reading them whole, not just their head), and no file is claimed
/// by two formats.
/// </summary>
public sealed class FeedRecognitionTests
{
    private const string Script = """
        import json, sys
        def kind(path):
            with open(path, 'rb') as f:
                data = f.read()
            text = data.decode('utf-8', 'replace').lstrip('\ufeff')
            first = text.split('\n', 1)[0].rstrip('\r')
            if first.startswith('#model_version:') or first == 'cve,epss,percentile':
                return 'epss'
            try:
                doc = json.loads(text)
            except ValueError:
                return None
            if not isinstance(doc, dict):
                return None
            if 'catalogVersion' in doc and isinstance(doc.get('vulnerabilities'), list):
                return 'kev'
            if doc.get('format') == 'NVD_CVE':
                return 'nvd'
            document = doc.get('document')
            if isinstance(document, dict) and 'csaf_version' in document:
                return 'redhat-csaf'
            return None
        for path in sys.argv[2:]:
            k = kind(path)
            if k == sys.argv[1]:
                print(path)
        """;

    private static readonly string[] Files = [.. Directory.EnumerateFiles(SharedData.Path("advisories"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    /// <summary>The formats this oracle knows; DistroFeedRecognitionTests covers debian-tracker, alpine-secdb and alas the same way.</summary>
    public static TheoryData<string> Formats => new("kev", "epss", "nvd", "redhat-csaf");

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_format_claims_exactly_its_own_files(string name)
    {
        var format = FeedFormats.Named(name)!;
        var expected = Tool.Run("python3", ["-c", Script, name, .. Files], null, null).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Files.Where(path => format.Recognises(Head(path))));
    }

    [Fact]
    public void No_file_is_claimed_by_two_formats()
    {
        var doubly = Files.Where(path => FeedFormats.All.Count(f => f.Recognises(Head(path))) > 1).ToArray();
        Assert.Empty(doubly);
    }

    /// <summary>The first <see cref="FeedFormats.HeadBytes"/> of a file, as <c>db import</c> offers them.</summary>
    internal static byte[] Head(string path)
    {
        using var file = File.OpenRead(path);
        var head = new byte[FeedFormats.HeadBytes];
        return head[..file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
    }
}
