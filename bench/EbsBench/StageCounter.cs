using System.Diagnostics;
using System.Globalization;
using Snapsight.Scanning;

namespace Snapsight.Bench;

/// <summary>
/// Notes, as the scan reports each stage synchronously, how many blocks the device had read and the time:
/// where the scan's reads go. Not <see cref="Progress{T}"/>, which posts its reports later.
/// </summary>
internal sealed class StageCounter(Func<long> blocks, Stopwatch clock) : IProgress<ScanProgressReport>
{
    private readonly List<(ScanStage Stage, long Blocks, double Seconds)> _marks = [];

    public void Report(ScanProgressReport value)
    {
        lock (_marks)
        {
            _marks.Add((value.Stage, blocks(), clock.Elapsed.TotalSeconds));
        }
    }

    /// <summary>Blocks and seconds spent in each stage, e.g. "Reading 40 (0.9s), Matching 0 (0.1s), Compliance 12 (0.4s)".</summary>
    public override string ToString()
    {
        lock (_marks)
        {
            return string.Join(", ", _marks.Zip(_marks.Skip(1), (from, to) => string.Create(CultureInfo.InvariantCulture,
                $"{from.Stage} {to.Blocks - from.Blocks} ({to.Seconds - from.Seconds:F2}s)")));
        }
    }
}
