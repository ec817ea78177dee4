using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;

namespace Snapsight.Server.WebConsole;

/// <summary>
/// The dashboard's findings by severity over the last <see cref="Days"/> days. A day's value sums,
/// over the assets, the severity counts stored with each asset's latest run on or before that day.
/// Computed in the database from the run rows alone (never the findings): each run is "latest" from
/// the day it completed until the day the asset's next run completed, so the database sums the
/// counts of runs starting and of runs ending per day (two grouped queries of at most
/// <see cref="Days"/> rows) and the running total of those is each day's value.
/// </summary>
public static class SeverityTrend
{
    public const int Days = 30;

    private static readonly Expression<Func<IGrouping<DateTime, RunSpan>, Delta>> Sums = g => new Delta(g.Key,
        g.Sum(s => s.Run.CriticalFindings), g.Sum(s => s.Run.HighFindings), g.Sum(s => s.Run.MediumFindings),
        g.Sum(s => s.Run.LowFindings), g.Sum(s => s.Run.UnknownFindings));

    public static async Task<IReadOnlyList<SeverityDay>> LoadAsync(ControlDbContext db, DateOnly today, CancellationToken ct)
    {
        var first = Midnight(today.AddDays(1 - Days));
        var end = Midnight(today.AddDays(1));
        var secondDay = first.AddDays(1);
        // Next: when the asset's following run completed (ties broken by id, as StoredRun.Compare does); null for its last run.
        var spans = db.StoredRuns.AsNoTracking()
            .Where(r => r.CompletedAt < end)
            .Select(r => new RunSpan
            {
                Run = r,
                Next = db.StoredRuns
                    .Where(o => o.AssetId == r.AssetId && (o.CompletedAt > r.CompletedAt || (o.CompletedAt == r.CompletedAt && o.Id.CompareTo(r.Id) > 0)))
                    .Min(o => (DateTime?)o.CompletedAt),
            })
            // A run replaced before the end of the window's first day never shows.
            .Where(s => s.Next == null || s.Next >= secondDay);

        var starts = await spans
            .GroupBy(s => s.Run.CompletedAt < first ? first : s.Run.CompletedAt.Date)
            .Select(Sums)
            .ToListAsync(ct).ConfigureAwait(false);
        var stops = await spans.Where(s => s.Next < end)
            .GroupBy(s => s.Next!.Value.Date)
            .Select(Sums)
            .ToListAsync(ct).ConfigureAwait(false);
        return RunningTotals(DateOnly.FromDateTime(first), starts, stops);
    }

    private static List<SeverityDay> RunningTotals(DateOnly first, List<Delta> starts, List<Delta> stops)
    {
        var days = new List<SeverityDay>(Days);
        var total = new SeverityDay(first, 0, 0, 0, 0, 0);
        for (var i = 0; i < Days; i++)
        {
            var day = first.AddDays(i);
            total = starts.Where(d => DateOnly.FromDateTime(d.Day) == day).Aggregate(total with { Day = day }, (t, d) => d.Add(t, 1));
            total = stops.Where(d => DateOnly.FromDateTime(d.Day) == day).Aggregate(total, (t, d) => d.Add(t, -1));
            days.Add(total);
        }

        return days;
    }

    private static DateTime Midnight(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>A run and when the asset's next run completed; a class with setters, so EF can compose queries over it.</summary>
    private sealed class RunSpan
    {
        public required StoredRun Run { get; init; }

        public DateTime? Next { get; init; }
    }

    /// <summary>The counts of the runs that start (or stop) being their asset's latest on one day.</summary>
    private sealed record Delta(DateTime Day, int Critical, int High, int Medium, int Low, int Unknown)
    {
        public SeverityDay Add(SeverityDay total, int sign) => total with
        {
            Critical = total.Critical + (sign * Critical), High = total.High + (sign * High), Medium = total.Medium + (sign * Medium),
            Low = total.Low + (sign * Low), Unknown = total.Unknown + (sign * Unknown),
        };
    }
}
