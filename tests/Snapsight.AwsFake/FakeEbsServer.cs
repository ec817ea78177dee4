using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Snapsight.Cloud.Aws.Signing;

namespace Snapsight.AwsFake;

/// <summary>
/// The EBS direct read APIs on loopback, as the API reference and the AWS SDK for JavaScript's
/// model (@aws-sdk/client-ebs) shape them: ListSnapshotBlocks, GetSnapshotBlock and
/// ListChangedBlocks at their REST paths and query names, their JSON bodies and x-amz-* headers,
/// restJson1 errors (x-amzn-ErrorType plus a Message/Reason body). Every request must carry a
/// valid Signature Version 4 for service "ebs" from credentials <see cref="Authority"/> knows (one
/// key in <see cref="Region"/>, or the fake cloud's sessions), recomputed here from what arrived; block and page tokens are checked as the service would.
/// Serves requests concurrently; <see cref="Faults"/> injects throttling, bad checksums and denials.
/// </summary>
public sealed partial class FakeEbsServer : IDisposable
{
    public const string Region = "eu-west-3";

    private readonly LoopbackListener _listener;
    private readonly ConcurrentDictionary<string, FakeEbsSnapshot> _snapshots = new(StringComparer.Ordinal);
    private long _getSnapshotBlockCalls;
    private long _listCalls;
    private long _rejectedSignatures;
    private long _requests;

    public FakeEbsServer(AwsCredentials credentials)
        : this(new SingleKeyEbsAuthority(credentials, Region))
    {
    }

    /// <summary>A fake whose callers and their rights are <paramref name="authority"/>'s (the fake cloud's sessions and policies).</summary>
    public FakeEbsServer(IFakeEbsAuthority authority)
    {
        Authority = authority;
        _listener = new LoopbackListener(AnswerAsync);
    }

    public IFakeEbsAuthority Authority { get; }

    public Uri Endpoint => _listener.Endpoint;

    public FakeEbsFaults Faults { get; } = new();

    /// <summary>GetSnapshotBlock calls answered (throttled ones included).</summary>
    public long GetSnapshotBlockCalls => Interlocked.Read(ref _getSnapshotBlockCalls);

    public long ListCalls => Interlocked.Read(ref _listCalls);

    /// <summary>Every request received, whatever became of it.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests refused for a missing or wrong signature.</summary>
    public long RejectedSignatures => Interlocked.Read(ref _rejectedSignatures);

    public void Add(FakeEbsSnapshot snapshot) => _snapshots[snapshot.Id] = snapshot;

    public void Dispose() => _listener.Dispose();

    private Task AnswerAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        return RouteAsync(context);
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

    private static void Json(HttpListenerContext context, JsonObject body, int status = 200) =>
        FakeResponse.Send(context, status, "application/json", Encoding.UTF8.GetBytes(body.ToJsonString()));
}
