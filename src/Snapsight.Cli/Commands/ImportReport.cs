using Snapsight.Advisories.Import;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Cli.Commands;

/// <summary>What <c>db import</c> and <c>db update</c> say on stderr about the records an import left out.</summary>
internal static class ImportReport
{
    public static async Task WriteSkippedAsync(ImportSummary summary, int limit)
    {
        foreach (var (where, reason) in summary.Skipped.Take(limit))
        {
            await Console.Error.WriteLineAsync($"snapsight: left out {TreePath.Printable(where)}: {TreePath.Printable(reason)}").ConfigureAwait(false);
        }

        if (summary.Skipped.Count > limit)
        {
            await Console.Error.WriteLineAsync($"snapsight: and {summary.Skipped.Count - limit} more records left out").ConfigureAwait(false);
        }
    }
}
