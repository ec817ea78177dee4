using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Snapsight.Cloud.Provider;

namespace Snapsight.Server.Assessments;

/// <summary>
/// The API-based assessments that follow snapshot scans, run off the scan workflow's path: a run that stores its results
/// queues its asset here and ends at once, and <see cref="Concurrency"/> workers assess the queued assets
/// (<see cref="ApiAssessmentBesideScan"/>, at most its time limit each), so a slow or hung inventory API delays no run.
/// An asset waits at most once (two scans of it before its turn need one assessment); at most <see cref="Capacity"/> wait,
/// and one more is dropped with a warning, as is the queue itself at shutdown: the assessment is best effort, and the
/// asset's next scan queues it again. Without an inventory source (the local cloud) nothing is queued.
/// </summary>
public sealed partial class ApiAssessmentQueue(ApiAssessmentBesideScan assessment, ILogger<ApiAssessmentQueue> logger, IApiInventorySource? source = null)
    : BackgroundService
{
    public const int Capacity = 10_000;

    /// <summary>Inventory reads at a time: SSM's read quotas are per account, and a few in flight keep a slow API from piling up the queue.</summary>
    public const int Concurrency = 4;

    private readonly Channel<QueuedAsset> _waiting = Channel.CreateBounded<QueuedAsset>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait, // TryWrite answers false when full, so a drop is seen and logged
    });

    private readonly ConcurrentDictionary<QueuedAsset, byte> _queued = new();
    private int _unsettled;

    /// <summary>Whether every queued assessment has finished (for tests, which wait for it).</summary>
    public bool Settled => Volatile.Read(ref _unsettled) == 0;

    /// <summary>Queues the asset's assessment and returns at once; the workers run it.</summary>
    public void Enqueue(Guid subscriptionId, Guid assetId)
    {
        var asset = new QueuedAsset(subscriptionId, assetId);
        if (source is null || !_queued.TryAdd(asset, 0))
        {
            return;
        }

        Interlocked.Increment(ref _unsettled);
        if (!_waiting.Writer.TryWrite(asset))
        {
            _queued.TryRemove(asset, out _);
            Interlocked.Decrement(ref _unsettled);
            LogDropped(assetId, Capacity);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Parallel.ForEachAsync(_waiting.Reader.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = stoppingToken },
            async (asset, ct) =>
            {
                // Taken off the waiting set first: a scan that ends while this one is assessed queues the asset again.
                _queued.TryRemove(asset, out _);
                try
                {
                    await assessment.AssessAsync(asset.SubscriptionId, asset.AssetId, ct).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref _unsettled);
                }
            });

    [LoggerMessage(EventId = 7203, Level = LogLevel.Warning,
        Message = "API-based assessment of asset {AssetId} not queued: {Capacity} wait already; its next scan queues it again")]
    private partial void LogDropped(Guid assetId, int capacity);

    private readonly record struct QueuedAsset(Guid SubscriptionId, Guid AssetId);
}
