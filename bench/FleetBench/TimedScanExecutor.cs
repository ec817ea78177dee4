using System.Diagnostics;
using Snapsight.Control.Scans;

namespace Snapsight.Bench;

/// <summary>
/// The server's own scanner, timed: sums the wall time spent inside <see cref="IScanExecutor.ScanAsync"/>
/// (opening the snapshots and ScanPipeline), which is the scan time the control plane's overhead is
/// measured against.
/// </summary>
internal sealed class TimedScanExecutor(IScanExecutor inner) : IScanExecutor
{
    private long ticks;
    private int scans;

    public TimeSpan ScanTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref ticks));

    public int Scans => Volatile.Read(ref scans);

    public async Task<ScanOutput> ScanAsync(ScanRequest request, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await inner.ScanAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Add(ref ticks, Stopwatch.GetTimestamp() - start);
            Interlocked.Increment(ref scans);
        }
    }
}
