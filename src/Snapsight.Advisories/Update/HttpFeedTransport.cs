using System.Net;
using System.Net.Http.Headers;

namespace Snapsight.Advisories.Update;

/// <summary>
/// GETs http(s) URLs: conditional on the previous validators, redirects followed up to a bound,
/// and bounded retries with exponential back-off on 5xx, 429 (honouring Retry-After, capped) and
/// connection failures. Any other answer fails at once.
/// </summary>
internal sealed class HttpFeedTransport(FeedDownloadOptions options) : IFeedTransport, IDisposable
{
    private readonly HttpClient client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = options.MaxRedirects,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = options.ResponseTimeout,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { UserAgent = { new ProductInfoHeaderValue("snapsight", "1.0") } },
    };

    public async Task<FeedResponse> OpenAsync(FeedRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await SendAsync(request, attempt, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                await Task.Delay(Backoff(attempt, null), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.NotModified && request.Previous is not null)
            {
                response.Dispose();
                return FeedResponse.Unchanged(request.Previous);
            }

            if (response.IsSuccessStatusCode)
            {
                var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                return new FeedResponse(content, response.Content.Headers.ContentLength, Validators(response), response);
            }

            var status = (int)response.StatusCode;
            var retryAfter = RetryAfter(response);
            response.Dispose();
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                throw request.Failure($"HTTP {status}: still redirected after {options.MaxRedirects} redirects (a loop, or a redirect to a less secure scheme)");
            }

            if (status is not (>= 500 or 429))
            {
                throw request.Failure($"HTTP {status}");
            }

            if (attempt >= options.MaxAttempts)
            {
                throw request.Failure($"HTTP {status} on each of {attempt} attempts");
            }

            await Task.Delay(Backoff(attempt, retryAfter), cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => client.Dispose();

    /// <summary>The response, or null for a connection failure worth another attempt.</summary>
    private async Task<HttpResponseMessage?> SendAsync(FeedRequest request, int attempt, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, request.Url);
        if (request.Previous is { ETag: { } etag } && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            message.Headers.IfNoneMatch.Add(tag);
        }

        if (request.Previous?.LastModified is { } lastModified)
        {
            message.Headers.IfModifiedSince = lastModified;
        }

        foreach (var (name, value) in request.Headers ?? [])
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ResponseTimeout);
        try
        {
            return await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw request.Failure($"no response within {options.ResponseTimeout.TotalSeconds:0} s", e);
        }
        catch (HttpRequestException) when (attempt < options.MaxAttempts)
        {
            return null;
        }
        catch (HttpRequestException e)
        {
            throw request.Failure($"connection failed on each of {attempt} attempts: {e.Message}", e);
        }
    }

    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var delay = retryAfter ?? options.RetryBaseDelay * Math.Pow(2, attempt - 1);
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > options.MaxRetryDelay ? options.MaxRetryDelay : delay;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private static FeedValidators Validators(HttpResponseMessage response) =>
        new(response.Headers.ETag?.ToString(), response.Content.Headers.LastModified);
}
