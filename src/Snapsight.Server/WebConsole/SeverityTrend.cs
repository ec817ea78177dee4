using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;

namespace Snapsight.Server.WebConsole;

/// <summary>
/// The dashboard's findings by severity over the last <see cref="Days"/> days. A day's value sums,
/// over the assets, the severity counts stored with each asset's latest run on or before that day.
/// Computed in the database from the run rows alone (never the findings): each run is its asset's
/// latest from the day it completed until the day it was superseded (<see cref="StoredRun.SupersededAt"/>,
/// kept by the store), so the database sums the counts of runs starting and of runs stopping per day
/// (two grouped queries of at most <see cref="Days"/> rows) and the running total of those is each day's value.
/// </summary>
public static class SeverityTrend
{
    public const int Days = 30;

    private static readonly Expression<Func<IGrouping<DateTime, StoredRun>, Delta>> Sums = g => new Delta(g.Key,
        g.Sum(r => r.CriticalFindings), g.Sum(r => r.HighFindings), g.Sum(r => r.MediumFindings),
        g.Sum(r => r.LowFindings), g.Sum(r => r.UnknownFindings));

    public static async Task<IReadOnlyList<SeverityDay>> LoadAsync(ControlDbContext db, DateOnly today, CancellationToken ct)
    {
        var first = Midnight(today.AddDays(1 - Days));
        var end = Midnight(today.AddDays(1));
        var secondDay = first.AddDays(1);
        // A run superseded before the end of the window's first day never shows.
        var shown = db.StoredRuns.AsNoTracking()
            .Where(r => r.CompletedAt < end && (r.SupersededAt == null || r.SupersededAt >= secondDay));

        var starts = await shown
            .GroupBy(r => r.CompletedAt < first ? first : r.CompletedAt.Date)
            .Select(Sums).ToListAsync(ct).ConfigureAwait(false);
        var stops = await shown.Where(r => r.SupersededAt < end)
            .GroupBy(r => r.SupersededAt!.Value.Date)
            .Select(Sums).ToListAsync(ct).ConfigureAwait(false);
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
