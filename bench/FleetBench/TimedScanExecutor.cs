using System.Diagnostics;
using Snapsight.Control.Scans;

namespace Snapsight.Bench;

/// <summary>
/// The server's own scanner, timed: sums the wall time spent inside <see cref="IScanExecutor.ScanAsync"/>
/// (opening the snapshots and ScanPipeline) and the process's CPU time accrued meanwhile. The workflow
/// scans one run at a time, so that CPU is the scan's own plus whatever else ran in those milliseconds
/// (discovery's check, the HTTP server): an upper bound of the scans' CPU, which the control plane's
/// CPU is the rest of.
/// </summary>
internal sealed class TimedScanExecutor(IScanExecutor inner) : IScanExecutor
{
    private long ticks;
    private long cpuTicks;
    private int scans;

    public TimeSpan ScanTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref ticks));

    public TimeSpan ScanCpu => TimeSpan.FromTicks(Interlocked.Read(ref cpuTicks));

    public int Scans => Volatile.Read(ref scans);

    public async Task<ScanOutput> ScanAsync(ScanRequest request, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var cpuStart = Environment.CpuUsage.TotalTime;
        try
        {
            return await inner.ScanAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Add(ref cpuTicks, (Environment.CpuUsage.TotalTime - cpuStart).Ticks);
            Interlocked.Add(ref ticks, Stopwatch.GetTimestamp() - start);
            Interlocked.Increment(ref scans);
        }
    }
}
