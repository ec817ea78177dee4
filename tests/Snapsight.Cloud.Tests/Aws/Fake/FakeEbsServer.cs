using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Snapsight.Cloud.Aws.Signing;

namespace Snapsight.Cloud.Tests.Aws.Fake;

/// <summary>
/// The EBS direct read APIs on loopback, as the API reference and the AWS SDK for JavaScript's
/// model (@aws-sdk/client-ebs) shape them: ListSnapshotBlocks, GetSnapshotBlock and
/// ListChangedBlocks at their REST paths and query names, their JSON bodies and x-amz-* headers,
/// restJson1 errors (x-amzn-ErrorType plus a Message/Reason body). Every request must carry a
/// valid Signature Version 4 for service "ebs" in <see cref="Region"/> from <see cref="Credentials"/>,
/// recomputed here from what arrived; block and page tokens are checked as the service would.
/// Serves requests concurrently; <see cref="Faults"/> injects throttling, bad checksums and denials.
/// </summary>
public sealed partial class FakeEbsServer : IDisposable
{
    public const string Region = "eu-west-3";

    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, FakeEbsSnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly Task _serving;
    private long _getSnapshotBlockCalls;
    private long _listCalls;
    private long _rejectedSignatures;
    private long _requests;

    public FakeEbsServer(AwsCredentials credentials)
    {
        Credentials = credentials;
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        _listener.Prefixes.Add(Endpoint + "");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public AwsCredentials Credentials { get; }

    public Uri Endpoint { get; }

    public FakeEbsFaults Faults { get; } = new();

    /// <summary>GetSnapshotBlock calls answered (throttled ones included).</summary>
    public long GetSnapshotBlockCalls => Interlocked.Read(ref _getSnapshotBlockCalls);

    public long ListCalls => Interlocked.Read(ref _listCalls);

    /// <summary>Every request received, whatever became of it.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests refused for a missing or wrong signature.</summary>
    public long RejectedSignatures => Interlocked.Read(ref _rejectedSignatures);

    public void Add(FakeEbsSnapshot snapshot) => _snapshots[snapshot.Id] = snapshot;

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

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        try
        {
            await RouteAsync(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away.
        }
    }

    private static void Error(HttpListenerContext context, int status, string type, string message, string? reason = null)
    {
        var body = new JsonObject { ["Message"] = message };
        if (reason is not null)
        {
            body["Reason"] = reason;
        }

        context.Response.Headers["x-amzn-ErrorType"] = type;
        Json(context, body, status);
    }

    private static void Json(HttpListenerContext context, JsonObject body, int status = 200)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
