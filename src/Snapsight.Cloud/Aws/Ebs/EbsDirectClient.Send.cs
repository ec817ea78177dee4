using Snapsight.Cloud.Aws.Signing;
using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Aws.Ebs;

public sealed partial class EbsDirectClient
{
    /// <summary>
    /// One call with its retries: wait for a rate token, sign, send, and either read the answer with
    /// <paramref name="read"/> or turn the error into a <see cref="CloudProviderException"/>. Transient
    /// failures (throttling, 5xx, the connection) are retried after a jittered backoff; the last
    /// one is thrown.
    /// </summary>
    private async Task<T> SendAsync<T>(
        string call, string snapshotId, string path, IReadOnlyList<(string Name, string Value)> query, TokenBucket rate, Action count,
        Func<HttpResponseMessage, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var uri = new Uri(_endpoint, path + "?" + string.Join('&', query.Select(q => Uri.EscapeDataString(q.Name) + "=" + Uri.EscapeDataString(q.Value))));
        for (var attempt = 1; ; attempt++)
        {
            await rate.TakeAsync(cancellationToken).ConfigureAwait(false);
            count();
            CloudProviderException failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                var credentials = await _credentials.GetAsync(cancellationToken).ConfigureAwait(false);
                await SigV4HttpSigner.SignAsync(request, credentials, Region, Service, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (IsSuccess(response.StatusCode))
                {
                    return await read(response, cancellationToken).ConfigureAwait(false);
                }

                failure = await ErrorAsync(response, call, snapshotId, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                failure = new CloudProviderException(CloudErrorCode.Unavailable, snapshotId, $"ebs: {call} for {snapshotId} failed to reach {_endpoint.Host}: {e.Message}", e);
            }
            catch (IOException e) when (e is not CloudProviderException)
            {
                failure = new CloudProviderException(CloudErrorCode.Unavailable, snapshotId, $"ebs: {call} for {snapshotId} lost its connection: {e.Message}", e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new CloudProviderException(CloudErrorCode.Unavailable, snapshotId, $"ebs: {call} for {snapshotId} timed out", e);
            }

            if (!failure.IsTransient || attempt >= Options.MaxAttempts)
            {
                throw failure;
            }

            await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Full jitter: a uniform wait between zero and the capped exponential bound.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var bound = Math.Min(Options.MaxBackoff.TotalMilliseconds, Options.BaseBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * bound);
    }

    private async Task<CloudProviderException> ErrorAsync(HttpResponseMessage response, string call, string snapshotId, CancellationToken cancellationToken)
    {
        var type = EbsErrors.ErrorType(response);
        var code = EbsErrors.Classify(response.StatusCode, type);
        if (code == CloudErrorCode.Throttled)
        {
            Counters.CountThrottled();
        }

        string? message = null;
        string? reason = null;
        try
        {
            var body = await ReadBoundedAsync(response, 64 * 1024, call, snapshotId, cancellationToken).ConfigureAwait(false);
            (message, reason) = EbsResponseParser.ParseError(body);
        }
        catch (CloudProviderException)
        {
            // An oversized error body: the status and type say enough.
        }

        var what = type ?? $"HTTP {(int)response.StatusCode}";
        var detail = string.Join("; ", new[] { reason, message }.Where(t => !string.IsNullOrEmpty(t)));
        return new CloudProviderException(code, snapshotId, $"ebs: {call} for {snapshotId} failed: {what}{(detail.Length > 0 ? $" ({detail})" : "")}");
    }
}
