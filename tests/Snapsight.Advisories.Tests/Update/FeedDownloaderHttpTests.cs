using System.Net;
using System.Text;
using Snapsight.Advisories.Update;
using Snapsight.Disk.Tests.Support;
using static Snapsight.Advisories.Tests.Update.UpdateTestFeeds;

namespace Snapsight.Advisories.Tests.Update;

/// <summary>The downloader against a real HTTP server in the test process: conditional requests, retries, caps, broken bodies, redirects, cancellation.</summary>
public sealed class FeedDownloaderHttpTests
{
    private static readonly byte[] Version1 = Encoding.UTF8.GetBytes("{\"catalogVersion\":\"1\"}");
    private static readonly byte[] Version2 = Encoding.UTF8.GetBytes("{\"catalogVersion\":\"2\",\"padding\":\"" + new string('x', 4000) + "\"}");
    /// <summary>How long a server hangs mid-body: far past every timeout under test, yet bounded so no handler outlives the run by much.</summary>
    private static readonly TimeSpan HangFor = TimeSpan.FromSeconds(30);

    private static readonly DateTimeOffset Published = new(2026, 11, 20, 8, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_second_update_asks_with_the_validators_and_keeps_the_file_on_304()
    {
        using var server = new LocalFeedServer(context => LocalFeedServer.ServeAsync(context, Version1, "\"v1\"", Published));
        using var folder = new TempDirectory();
        var feed = Single("kev", server.Url("feeds/kev.json"));

        var first = await DownloadAsync(Fast, folder.Path, feed);
        var second = await DownloadAsync(Fast, folder.Path, feed);

        Assert.False(first[0].NotModified);
        Assert.True(second[0].NotModified);
        Assert.Equal(first[0].Files, second[0].Files);
        Assert.Equal(Version1, await File.ReadAllBytesAsync(second[0].Files[0]));
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Null(requests[0].IfNoneMatch);
        Assert.Equal("\"v1\"", requests[1].IfNoneMatch);
        Assert.Equal(Published, DateTimeOffset.Parse(requests[1].IfModifiedSince!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_changed_file_replaces_the_previous_one()
    {
        var current = Version1;
        using var server = new LocalFeedServer(context => LocalFeedServer.ServeAsync(context, current, current == Version1 ? "\"v1\"" : "\"v2\"", Published));
        using var folder = new TempDirectory();
        var feed = Single("kev", server.Url("kev.json"));

        await DownloadAsync(Fast, folder.Path, feed);
        current = Version2;
        var second = await DownloadAsync(Fast, folder.Path, feed);

        Assert.False(second[0].NotModified);
        Assert.Equal(Version2, await File.ReadAllBytesAsync(second[0].Files[0]));
    }

    [Fact]
    public async Task A_500_is_retried_and_the_next_answer_is_used()
    {
        var calls = 0;
        using var server = new LocalFeedServer(context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 500;
                return Task.CompletedTask;
            }

            return LocalFeedServer.ServeAsync(context, Version1, "\"v1\"", Published);
        });
        using var folder = new TempDirectory();

        var downloaded = await DownloadAsync(Fast, folder.Path, Single("kev", server.Url("kev.json")));

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(Version1, await File.ReadAllBytesAsync(downloaded[0].Files[0]));
    }

    [Fact]
    public async Task A_429_waits_as_long_as_Retry_After_says()
    {
        var calls = 0;
        using var server = new LocalFeedServer(context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers["Retry-After"] = "1";
                return Task.CompletedTask;
            }

            return LocalFeedServer.ServeAsync(context, Version1, "\"v1\"", Published);
        });
        using var folder = new TempDirectory();

        await DownloadAsync(Fast, folder.Path, Single("kev", server.Url("kev.json")));

        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(0.9), $"retried after {(requests[1].At - requests[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_huge_Retry_After_is_capped()
    {
        var calls = 0;
        using var server = new LocalFeedServer(context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 503;
                context.Response.Headers["Retry-After"] = "86400";
                return Task.CompletedTask;
            }

            return LocalFeedServer.ServeAsync(context, Version1, "\"v1\"", Published);
        });
        using var folder = new TempDirectory();
        var options = Fast with { MaxRetryDelay = TimeSpan.FromMilliseconds(200) };

        var download = DownloadAsync(options, folder.Path, Single("kev", server.Url("kev.json")));

        Assert.Same(download, await Task.WhenAny(download, Task.Delay(TimeSpan.FromSeconds(20))));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_failure_names_the_feed_and_URL()
    {
        using var server = new LocalFeedServer(context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        using var folder = new TempDirectory();
        var url = server.Url("kev.json");

        var failure = await Assert.ThrowsAsync<FeedDownloadException>(() => DownloadAsync(Fast, folder.Path, Single("kev", url)));

        Assert.Equal(Fast.MaxAttempts, server.Requests.Count);
        Assert.Equal("kev", failure.Feed);
        Assert.Equal(url, failure.Url);
        Assert.Contains("kev", failure.Message, StringComparison.Ordinal);
        Assert.Contains(url.ToString(), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_fails()
    {
        Uri url;
        using (var server = new LocalFeedServer(_ => Task.CompletedTask))
        {
            url = server.Url("kev.json");
        }

        using var folder = new TempDirectory();

        var failure = await Assert.ThrowsAsync<FeedDownloadException>(() => DownloadAsync(Fast, folder.Path, Single("kev", url)));

        Assert.Contains($"connection failed on each of {Fast.MaxAttempts} attempts", failure.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out()
    {
        using var server = new LocalFeedServer(_ => Task.Delay(HangFor));
        using var folder = new TempDirectory();

        var failure = await Assert.ThrowsAsync<FeedDownloadException>(() =>
            DownloadAsync(Fast with { ResponseTimeout = TimeSpan.FromMilliseconds(300) }, folder.Path, Single("kev", server.Url("kev.json"))));

        Assert.Contains("no response", failure.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_404_fails_at_once_and_fails_the_whole_update()
    {
        using var server = new LocalFeedServer(context =>
        {
            if (context.Request.Url!.AbsolutePath == "/missing.json")
            {
                context.Response.StatusCode = 404;
                return Task.CompletedTask;
            }

            return LocalFeedServer.ServeAsync(context, Version1, "\"v1\"", Published);
        });
        using var folder = new TempDirectory();

        var failure = await Assert.ThrowsAsync<FeedDownloadException>(() =>
            DownloadAsync(Fast, folder.Path, Single("kev", server.Url("kev.json")), Single("epss", server.Url("missing.json"))));

        Assert.Equal("epss", failure.Feed);
        Assert.Contains("404", failure.Problem, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_truncated_body_fails_and_leaves_the_previous_file_untouched()
    {
        var truncate = false;
        using var server = new LocalFeedServer(context => truncate
            ? LocalFeedServer.TruncateAsync(context, Version2, Version2.Length / 2)
            : LocalFeedServer.ServeAsync(context, Version1, "\"v1\"", Published));
        using var folder = new TempDirectory();
        var feed = Single("kev", server.Url("kev.json"));
        var first = await DownloadAsync(Fast, folder.Path, feed);
        truncate = true;

        var failure = await Assert.ThrowsAsync<FeedDownloadException>(() => DownloadAsync(Fast, folder.Path, feed));

        Assert.Equal("kev", failure.Feed);
        Assert.Equal(Version1, await File.ReadAllBytesAsync(first[0].Files[0]));
        Assert.Empty(PartialFiles(folder.Path));
    }

    [Fact]
    public async Task A_body_declared_over_the_cap_is_refused_before_it_is_read()
    {
        using var server = new LocalFeedServer(context => LocalFeedServer.ServeAsync(context, Version2, "\"v2\"", Published));
        using var folder = new TempDirectory();

        var failure = await Assert.ThrowsAsync<FeedDownloadException>(() =>
            DownloadAsync(Fast with { MaxFileBytes = 1000 }, folder.Path, Single("kev", server.Url("kev.json"))));

        Assert.Contains("cap", failure.Problem, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_chunked_body_growing_past_the_cap_is_cut_off()
    {
        using var server = new LocalFeedServer(async context =>
        {
            context.Response.SendChunked = true;
            for (var i = 0; i < 64; i++)
            {
                await context.Response.OutputStream.WriteAsync(Version2);
            }
        });
        using var folder = new TempDirectory();

        var failure = await Assert.ThrowsAsync<FeedDownloadException>(() =>
            DownloadAsync(Fast with { MaxFileBytes = 10_000 }, folder.Path, Single("kev", server.Url("kev.json"))));

        Assert.Contains("cap", failure.Problem, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_redirect_loop_fails_after_the_redirect_bound()
    {
        using var server = new LocalFeedServer(context =>
        {
            context.Response.StatusCode = (int)HttpStatusCode.Found;
            context.Response.RedirectLocation = "/loop";
            return Task.CompletedTask;
        });
        using var folder = new TempDirectory();

        var failure = await Assert.ThrowsAsync<FeedDownloadException>(() =>
            DownloadAsync(Fast with { MaxRedirects = 5 }, folder.Path, Single("kev", server.Url("loop"))));

        Assert.Contains("redirect", failure.Problem, StringComparison.Ordinal);
        Assert.Equal(6, server.Requests.Count);
    }

    [Fact]
    public async Task A_stalled_body_times_out()
    {
        using var server = new LocalFeedServer(async context =>
        {
            context.Response.ContentLength64 = Version2.Length;
            await context.Response.OutputStream.WriteAsync(Version2.AsMemory(0, 100));
            await context.Response.OutputStream.FlushAsync();
            await Task.Delay(HangFor);
        });
        using var folder = new TempDirectory();

        var failure = await Assert.ThrowsAsync<FeedDownloadException>(() =>
            DownloadAsync(Fast with { StallTimeout = TimeSpan.FromMilliseconds(300) }, folder.Path, Single("kev", server.Url("kev.json"))));

        Assert.Contains("stalled", failure.Problem, StringComparison.Ordinal);
        Assert.Empty(PartialFiles(folder.Path));
    }

    [Fact]
    public async Task Cancelling_midway_leaves_nothing_half_written()
    {
        var large = new byte[3 << 20];
        var serveWhole = true;
        using var server = new LocalFeedServer(async context =>
        {
            if (serveWhole)
            {
                await LocalFeedServer.ServeAsync(context, Version1, "\"v1\"", Published);
                return;
            }

            context.Response.ContentLength64 = large.Length;
            await context.Response.OutputStream.WriteAsync(large.AsMemory(0, large.Length / 2));
            await context.Response.OutputStream.FlushAsync();
            await Task.Delay(HangFor);
        });
        using var folder = new TempDirectory();
        var feed = Single("kev", server.Url("kev.json"));
        var first = await DownloadAsync(Fast, folder.Path, feed);
        serveWhole = false;
        using var cancel = new CancellationTokenSource();
        var progress = new List<DownloadProgress>();
        var cancelOnceAMegabyteIsWritten = new SynchronousProgress(progress, p =>
        {
            if (p.Bytes >= 1 << 20)
            {
                Assert.True(File.Exists(first[0].Files[0] + ".partial"));
                cancel.Cancel();
            }
        });
        using var downloader = new FeedDownloader(Fast);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            downloader.DownloadAsync([feed], null, folder.Path, cancelOnceAMegabyteIsWritten, cancel.Token));

        Assert.Contains(progress, p => p.Bytes >= 1 << 20 && p.Total == large.Length);
        Assert.Equal(Version1, await File.ReadAllBytesAsync(first[0].Files[0]));
        Assert.Empty(PartialFiles(folder.Path));
    }

    [Fact]
    public async Task Progress_reports_the_final_size_of_each_file()
    {
        using var server = new LocalFeedServer(context => LocalFeedServer.ServeAsync(context, Version2, "\"v2\"", Published));
        using var folder = new TempDirectory();
        var progress = new List<DownloadProgress>();
        using var downloader = new FeedDownloader(Fast);

        await downloader.DownloadAsync([Single("kev", server.Url("kev.json"))], null, folder.Path, new SynchronousProgress(progress), CancellationToken.None);

        Assert.Equal(new DownloadProgress("kev", "kev.json", Version2.Length, Version2.Length), progress[^1]);
    }

    /// <summary>Records reports as they happen (<see cref="Progress{T}"/> would post them later).</summary>
    private sealed class SynchronousProgress(List<DownloadProgress> reports, Action<DownloadProgress>? then = null) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value)
        {
            reports.Add(value);
            then?.Invoke(value);
        }
    }
}
