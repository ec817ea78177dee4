using System.Net;
using System.Text.Json;
using Snapsight.Advisories.Update;
using Snapsight.Disk.Tests.Support;
using static Snapsight.Advisories.Tests.Update.UpdateTestFeeds;

namespace Snapsight.Advisories.Tests.Update;

/// <summary>
/// The NVD CVE API pager against a local server answering with vuln-list-update's recorded NVD
/// pages (respPage1: CVEs 0–1 of 3, respPage2: the rest). What the pages hold is read by python3.
/// </summary>
public sealed class NvdPagerTests
{
    private static readonly string Fixtures = SharedData.Path("advisories", "nvd", "vuln-list-update", "nvd", "testdata", "fixtures");

    [Fact]
    public async Task Pages_through_every_CVE_with_startIndex_and_resultsPerPage()
    {
        using var server = NvdServer();
        using var folder = new TempDirectory();

        var downloaded = await DownloadAsync(Fast, folder.Path, NvdFeed(server));

        var expected = Python("respPage1.json").Concat(Python("respPage2.json")).ToList();
        Assert.Equal(expected, downloaded[0].Files.SelectMany(CveIds).ToList());
        Assert.Equal(int.Parse(Tool.Run("python3", "-c", $"import json; print(json.load(open('{Fixtures}/respPage1.json'))['totalResults'])"), System.Globalization.CultureInfo.InvariantCulture), expected.Count);
        var queries = server.Requests.Select(r => r.Query).ToList();
        Assert.Equal([$"?startIndex=0&resultsPerPage={Fast.NvdResultsPerPage}", $"?startIndex={Python("respPage1.json").Count}&resultsPerPage={Fast.NvdResultsPerPage}"], queries);
        Assert.All(server.Requests, r => Assert.Null(r.ApiKey));
        Assert.False(downloaded[0].NotModified);
    }

    [Fact]
    public async Task Sends_the_api_key_and_paces_requests_to_the_rate_limit()
    {
        using var server = NvdServer();
        using var folder = new TempDirectory();
        var options = Fast with { NvdApiKey = "test-key", NvdKeyedRequestInterval = TimeSpan.FromMilliseconds(700) };

        await DownloadAsync(options, folder.Path, NvdFeed(server));

        var requests = server.Requests.ToArray();
        Assert.All(requests, r => Assert.Equal("test-key", r.ApiKey));
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(650), $"second request after {(requests[1].At - requests[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Pages_left_from_a_longer_earlier_download_are_removed()
    {
        using var server = NvdServer();
        using var folder = new TempDirectory();
        var stale = Path.Combine(folder.Path, "nvd", "page-000007.json");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        await File.WriteAllTextAsync(stale, "{}");

        var downloaded = await DownloadAsync(Fast, folder.Path, NvdFeed(server));

        Assert.False(File.Exists(stale));
        Assert.Equal(2, downloaded[0].Files.Count);
    }

    [Fact]
    public async Task The_next_update_asks_only_for_changes_since_the_last_one_and_adds_them_after_the_held_pages()
    {
        using var server = NvdServer();
        using var folder = new TempDirectory();
        var before = DateTimeOffset.UtcNow;
        var first = await DownloadAsync(Fast, folder.Path, NvdFeed(server));

        var second = await DownloadAsync(Fast, folder.Path, NvdFeed(server));

        var changes = server.Requests.Last();
        var query = System.Web.HttpUtility.ParseQueryString(changes.Query);
        var since = DateTimeOffset.Parse(query["lastModStartDate"]!, System.Globalization.CultureInfo.InvariantCulture);
        var until = DateTimeOffset.Parse(query["lastModEndDate"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("0", query["startIndex"]);
        Assert.InRange(since, before.AddMinutes(-16), before);
        Assert.InRange(until, before, DateTimeOffset.UtcNow);
        Assert.Equal(first[0].Files, second[0].Files.Take(first[0].Files.Count));
        Assert.Equal(first[0].Files.Count + 1, second[0].Files.Count);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(Fixtures, "emptyResp.json")), await File.ReadAllBytesAsync(second[0].Files[^1]));
    }

    [Fact]
    public async Task An_answer_that_is_not_a_CVE_page_fails_the_feed()
    {
        using var server = new LocalFeedServer(async context =>
        {
            context.Response.StatusCode = (int)HttpStatusCode.OK;
            await context.Response.OutputStream.WriteAsync("<html>maintenance</html>"u8.ToArray());
        });
        using var folder = new TempDirectory();

        var failure = await Assert.ThrowsAsync<FeedDownloadException>(() => DownloadAsync(Fast, folder.Path, NvdFeed(server)));

        Assert.Equal("nvd", failure.Feed);
        Assert.Contains("CVE API", failure.Problem, StringComparison.Ordinal);
    }

    /// <summary>Answers startIndex=0 with respPage1 and the index after its CVEs with respPage2, like the API would; a lastMod range with the recorded empty answer.</summary>
    private static LocalFeedServer NvdServer() => new(async context =>
    {
        var page = context.Request.QueryString["startIndex"] switch
        {
            "0" when context.Request.QueryString["lastModStartDate"] is not null => "emptyResp.json",
            "0" => "respPage1.json",
            "2" => "respPage2.json",
            _ => null,
        };
        if (context.Request.Url!.AbsolutePath != "/rest/json/cves/2.0" || page is null)
        {
            context.Response.StatusCode = 404;
            return;
        }

        var body = await File.ReadAllBytesAsync(Path.Combine(Fixtures, page));
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
    });

    private static FeedSource NvdFeed(LocalFeedServer server) =>
        new("nvd", "nvd", FeedFetch.NvdApi, [new FeedFile(server.Url("rest/json/cves/2.0"), "page")]);

    private static List<string> Python(string page) =>
        [.. Tool.Run("python3", "-c", $"import json\nfor v in json.load(open('{Fixtures}/{page}'))['vulnerabilities']: print(v['cve']['id'])")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private static IEnumerable<string> CveIds(string page)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(page));
        return [.. document.RootElement.GetProperty("vulnerabilities").EnumerateArray().Select(v => v.GetProperty("cve").GetProperty("id").GetString()!)];
    }
}
