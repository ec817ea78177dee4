using Snapsight.Scanning;

namespace Snapsight.Cli.Commands;

/// <summary>
/// Progress of a scan on stderr, one line per stage with the time so far, written only when stderr
/// is a terminal: scripts that capture stderr get only the one-sentence errors the contract promises.
/// </summary>
internal sealed class ScanProgress : IProgress<ScanProgressReport>
{
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly bool enabled = !Console.IsErrorRedirected;

    public void Report(string stage)
    {
        if (enabled)
        {
            Console.Error.WriteLine($"snapsight: {clock.Elapsed.TotalSeconds,6:0.0}s {stage}…");
        }
    }

    public void Report(ScanProgressReport value) => Report(value.Message);

    public void Done() => Report("done");
}
