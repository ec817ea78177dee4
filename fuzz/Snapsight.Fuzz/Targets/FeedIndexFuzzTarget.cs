using Snapsight.Advisories.Update;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// The small index files <c>db update</c> follows: a yum mirror.list, a repomd.xml and Red Hat's
/// archive_latest.txt. A <see cref="FeedDownloadException"/> is their answer to bad input.
/// </summary>
public sealed class FeedIndexFuzzTarget : IFuzzTarget
{
    private static readonly Uri Repository = new("https://cdn.amazonlinux.com/al2023/core/guids/0f1e2d3c/x86_64/");

    private static readonly FeedRequest Request = new("fuzz", Repository);

    public string Name => "feed-index";

    public void Run(ReadOnlySpan<byte> input)
    {
        var bytes = input.ToArray();
        Try(() => YumRepository.FromMirrorList(bytes, Request));
        Try(() => YumRepository.UpdateInfo(Repository, bytes, Request));
        Try(() => LatestPointer.Target(new Uri(Repository, "archive_latest.txt"), bytes, Request));
    }

    private static void Try(Func<Uri> parse)
    {
        try
        {
            _ = parse();
        }
        catch (FeedDownloadException)
        {
            // The expected answer to a bad index file.
        }
    }
}
