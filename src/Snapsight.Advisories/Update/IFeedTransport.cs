namespace Snapsight.Advisories.Update;

/// <summary>Opens one URL for download, conditionally on <c>previous</c> validators; failures throw <see cref="FeedDownloadException"/>.</summary>
internal interface IFeedTransport
{
    Task<FeedResponse> OpenAsync(FeedRequest request, CancellationToken cancellationToken);
}
