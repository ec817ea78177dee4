namespace Snapsight.Advisories.Update;

/// <summary>An opened download: its body (null when unchanged since the validators sent), length when known, and its validators.</summary>
internal sealed class FeedResponse(Stream? content, long? length, FeedValidators validators, IDisposable? owner = null) : IAsyncDisposable
{
    public Stream? Content { get; } = content;

    public bool NotModified => Content is null;

    public long? Length { get; } = length;

    public FeedValidators Validators { get; } = validators;

    public static FeedResponse Unchanged(FeedValidators validators) => new(null, null, validators);

    public async ValueTask DisposeAsync()
    {
        if (Content is not null)
        {
            await Content.DisposeAsync().ConfigureAwait(false);
        }

        owner?.Dispose();
    }
}
