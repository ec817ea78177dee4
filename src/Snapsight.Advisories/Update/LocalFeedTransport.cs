using System.Globalization;

namespace Snapsight.Advisories.Update;

/// <summary>
/// Reads file:// URLs (a directory mirror) with no network. A file's size and modification time
/// stand in for an ETag, so an unchanged mirror file is "not modified" just as over HTTP.
/// </summary>
internal sealed class LocalFeedTransport : IFeedTransport
{
    public static LocalFeedTransport Instance { get; } = new();

    public Task<FeedResponse> OpenAsync(FeedRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = new FileInfo(request.Url.LocalPath);
        if (!file.Exists)
        {
            throw request.Failure("not in the mirror");
        }

        var validators = new FeedValidators(
            string.Create(CultureInfo.InvariantCulture, $"\"{file.Length}-{file.LastWriteTimeUtc.Ticks}\""),
            new DateTimeOffset(file.LastWriteTimeUtc));
        if (request.Previous?.ETag == validators.ETag)
        {
            return Task.FromResult(FeedResponse.Unchanged(validators));
        }

        try
        {
            var content = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            return Task.FromResult(new FeedResponse(content, content.Length, validators));
        }
        catch (IOException e)
        {
            throw request.Failure($"cannot read the mirror's copy: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw request.Failure($"cannot read the mirror's copy: {e.Message}", e);
        }
    }
}
