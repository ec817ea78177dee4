using System.Net;
using System.Text;
using Snapsight.AwsFake;

namespace Snapsight.Cloud.Tests.Support;

/// <summary>
/// A loopback HTTP server that records every request and answers <c>/conn/…</c> with a chosen
/// status and body and anything else (CloudFormation's response URL) with 200.
/// </summary>
public sealed class RecordingHttpServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _serving;

    public RecordingHttpServer(int apiStatus, string apiBody = "")
    {
        _listener = LoopbackHttpListener.Start(out var endpoint);
        Url = endpoint.GetLeftPart(UriPartial.Authority);
        _serving = Task.Run(() => Serve(apiStatus, apiBody));
    }

    public string Url { get; }

    public List<RecordedRequest> Requests { get; } = [];

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending GetContext: the way serving ends.
        }
    }

    private void Serve(int apiStatus, string apiBody)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var path = context.Request.Url!.AbsolutePath;
            lock (Requests)
            {
                Requests.Add(new RecordedRequest(context.Request.HttpMethod, path, context.Request.Headers["Authorization"], reader.ReadToEnd()));
            }

            var isApi = path.StartsWith("/conn/", StringComparison.Ordinal);
            context.Response.StatusCode = isApi ? apiStatus : 200;
            var body = Encoding.UTF8.GetBytes(isApi ? apiBody : "");
            context.Response.OutputStream.Write(body);
            context.Response.Close();
        }
    }
}

public sealed record RecordedRequest(string Method, string Path, string? Authorization, string Body);
