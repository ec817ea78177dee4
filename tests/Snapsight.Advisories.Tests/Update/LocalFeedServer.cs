using System.Collections.Concurrent;
using System.Net;
using Snapsight.AwsFake;

namespace Snapsight.Advisories.Tests.Update;

/// <summary>
/// A real HTTP server on 127.0.0.1 (a free port, another one if a test beside takes it first) in the test process,
/// recording every request it answers.
/// </summary>
internal sealed class LocalFeedServer : IDisposable
{
    private readonly HttpListener listener;
    private readonly Func<HttpListenerContext, Task> handler;

    public LocalFeedServer(Func<HttpListenerContext, Task> handler)
    {
        this.handler = handler;
        listener = LoopbackHttpListener.Start(out var endpoint);
        BaseUri = endpoint;
        _ = Task.Run(AcceptAsync);
    }

    public Uri BaseUri { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri Url(string pathAndQuery) => new(BaseUri, pathAndQuery);

    /// <summary>Answers with <paramref name="body"/>, its ETag and Last-Modified, or 304 when the request's validators match.</summary>
    public static async Task ServeAsync(HttpListenerContext context, byte[] body, string etag, DateTimeOffset lastModified)
    {
        var response = context.Response;
        response.Headers["ETag"] = etag;
        response.Headers["Last-Modified"] = lastModified.ToString("R");
        if (context.Request.Headers["If-None-Match"] == etag)
        {
            response.StatusCode = 304;
            return;
        }

        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
    }

    /// <summary>Sends the first <paramref name="sent"/> bytes of a body declared longer, then drops the connection.</summary>
    public static async Task TruncateAsync(HttpListenerContext context, byte[] body, int sent)
    {
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body.AsMemory(0, sent));
        await context.Response.OutputStream.FlushAsync();
        context.Response.Abort();
    }

    public void Dispose()
    {
        listener.Close();
    }

    private async Task AcceptAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var request = context.Request;
            Requests.Enqueue(new RecordedRequest(
                request.Url!.AbsolutePath,
                request.Url.Query,
                request.Headers["If-None-Match"],
                request.Headers["If-Modified-Since"],
                request.Headers["apiKey"],
                DateTimeOffset.UtcNow));
            _ = Task.Run(async () =>
            {
                try
                {
                    await handler(context);
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException or IOException or OperationCanceledException)
                {
                    // The client went away (a cancelled or refused download): nothing to answer.
                }
            });
        }
    }
}
