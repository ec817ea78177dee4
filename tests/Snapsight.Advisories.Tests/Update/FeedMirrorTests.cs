using System.Security.Cryptography;
using Snapsight.Advisories.Update;
using Snapsight.Disk.Tests.Support;
using static Snapsight.Advisories.Tests.Update.UpdateTestFeeds;

namespace Snapsight.Advisories.Tests.Update;

/// <summary><c>db update --mirror</c> from a folder, a file:// URL and an HTTP server, all laid out like upstream, with no network beyond 127.0.0.1.</summary>
public sealed class FeedMirrorTests
{
    [Theory]
    [InlineData("directory")]
    [InlineData("file-url")]
    [InlineData("http")]
    public async Task Every_feed_comes_from_the_mirror_copy_of_its_upstream_path(string kind)
    {
        using var mirror = new MirrorFolder();
        using var server = new LocalFeedServer(context => ServeFolderAsync(context, mirror.Root));
        using var folder = new TempDirectory();
        var location = FeedLocation.Parse(kind switch
        {
            "directory" => mirror.Root,
            "file-url" => new Uri(mirror.Root).AbsoluteUri,
            _ => server.BaseUri.AbsoluteUri,
        });

        var downloaded = await DownloadFromAsync(location, folder.Path);

        Assert.Equal(MirrorFolder.Feeds, downloaded.Select(d => d.Name));
        Assert.Equal(Hashes(mirror, "osv-vulnerabilities.storage.googleapis.com/Debian/all.zip"), Hashes(Files(downloaded, "osv-debian")));
        Assert.Equal(Hashes(mirror, "osv-vulnerabilities.storage.googleapis.com/Rocky Linux/all.zip"), Hashes(Files(downloaded, "osv-rocky")));
        Assert.Equal(Hashes(mirror, "www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json"), Hashes(Files(downloaded, "kev")));
        Assert.Equal(Hashes(mirror, MirrorFolder.AmazonRepository + "repodata/updateinfo.xml.gz"), Hashes(Files(downloaded, "alas-2023")));
        Assert.Equal(Hashes(mirror, "security.access.redhat.com/data/csaf/v2/vex/" + MirrorFolder.RedHatArchive), Hashes(Files(downloaded, "redhat-csaf")));
        Assert.Equal(
            Hashes(mirror, "services.nvd.nist.gov/rest/json/cves/2.0/page-0.json", "services.nvd.nist.gov/rest/json/cves/2.0/page-2.json"),
            Hashes(Files(downloaded, "nvd")));
        Assert.All(downloaded, d => Assert.False(d.NotModified));
        Assert.Empty(PartialFiles(folder.Path));
    }

    [Theory]
    [InlineData("directory")]
    [InlineData("http")]
    public async Task An_unchanged_mirror_gives_not_modified_feeds(string kind)
    {
        using var mirror = new MirrorFolder();
        using var server = new LocalFeedServer(context => ServeFolderAsync(context, mirror.Root));
        using var folder = new TempDirectory();
        var location = FeedLocation.Parse(kind == "http" ? server.BaseUri.AbsoluteUri : mirror.Root);

        await DownloadFromAsync(location, folder.Path);
        var second = await DownloadFromAsync(location, folder.Path);

        Assert.All(second.Where(d => d.Name != "nvd"), d => Assert.True(d.NotModified, d.Name));
    }

    [Fact]
    public async Task A_file_missing_from_the_mirror_fails_naming_the_feed_and_the_mirror_path()
    {
        using var mirror = new MirrorFolder();
        File.Delete(mirror.PathOf("www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json"));
        using var folder = new TempDirectory();

        var failure = await Assert.ThrowsAsync<FeedDownloadException>(() => DownloadFromAsync(FeedLocation.Parse(mirror.Root), folder.Path));

        Assert.Equal("kev", failure.Feed);
        Assert.StartsWith(new Uri(mirror.Root).AbsoluteUri, failure.Url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cdn.amazonlinux.com/al2023/core/mirrors/latest/x86_64/mirror.list", "file:///etc/\n", "no http(s) repository")]
    [InlineData(MirrorFolder.AmazonRepository + "repodata/repomd.xml", "<repomd><data type=\"updateinfo\"><location href=\"../../../../../../etc/passwd\"/></data></repomd>", "outside the repository")]
    [InlineData(MirrorFolder.AmazonRepository + "repodata/repomd.xml", "<!DOCTYPE r [<!ENTITY x SYSTEM \"/etc/passwd\">]><repomd>&x;</repomd>", "not readable XML")]
    [InlineData(MirrorFolder.AmazonRepository + "repodata/repomd.xml", "<repomd><data type=\"primary\"/></repomd>", "no updateinfo")]
    [InlineData("security.access.redhat.com/data/csaf/v2/vex/archive_latest.txt", "../../../../etc/passwd", "does not name an archive")]
    public async Task Index_files_cannot_lead_outside_the_feed(string file, string content, string problem)
    {
        using var mirror = new MirrorFolder();
        File.Delete(mirror.PathOf(file));
        mirror.Write(file, content);
        using var folder = new TempDirectory();

        var failure = await Assert.ThrowsAsync<FeedDownloadException>(() => DownloadFromAsync(FeedLocation.Parse(mirror.Root), folder.Path));

        Assert.Contains(problem, failure.Problem, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<DownloadedFeed>> DownloadFromAsync(FeedLocation mirror, string folder)
    {
        using var downloader = new FeedDownloader(Fast);
        return await downloader.DownloadAsync(FeedCatalogue.Select(MirrorFolder.Feeds.ToList()), mirror, folder, null, CancellationToken.None);
    }

    /// <summary>A static file server over the mirror folder, with an ETag from the content.</summary>
    private static async Task ServeFolderAsync(System.Net.HttpListenerContext context, string root)
    {
        var path = Path.GetFullPath(Path.Combine(root, Uri.UnescapeDataString(context.Request.Url!.AbsolutePath.TrimStart('/'))));
        if (!path.StartsWith(root, StringComparison.Ordinal) || !File.Exists(path))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var body = await File.ReadAllBytesAsync(path);
        await LocalFeedServer.ServeAsync(context, body, $"\"{Convert.ToHexString(SHA256.HashData(body))}\"", File.GetLastWriteTimeUtc(path));
    }

    private static IReadOnlyList<string> Files(IReadOnlyList<DownloadedFeed> downloaded, string feed) => downloaded.Single(d => d.Name == feed).Files;

    private static List<string> Hashes(MirrorFolder mirror, params string[] relative) => Hashes(relative.Select(mirror.PathOf).ToList());

    private static List<string> Hashes(IReadOnlyList<string> files) => [.. files.Select(f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))))];
}
