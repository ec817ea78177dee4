using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;
using Snapsight.Server.Api;

namespace Snapsight.Server.Scans;

/// <summary>
/// The scan list's filters, read from the query string: <c>state</c> (a <see cref="ScanRunState"/> name),
/// <c>assetId</c>, and <c>active</c> (<c>true</c> for runs not yet finished, <c>false</c> for finished ones).
/// A value that cannot match anything is a 400 naming the field, never an empty page.
/// </summary>
public sealed record ScanRunFilter(ScanRunState? State, Guid? AssetId, bool? Active)
{
    private const int MaxTextLength = 100;

    /// <summary>The filter, or the 400 answer naming the first bad field.</summary>
    public static (ScanRunFilter? Filter, IResult? Problem) Read(string? state, string? assetId, string? active)
    {
        if (new[] { state, assetId, active }.Any(v => v is { Length: > MaxTextLength }))
        {
            return (null, Problems.Invalid("query", $"a filter value has more than {MaxTextLength} characters"));
        }

        ScanRunState? parsedState = null;
        if (state is not null)
        {
            if (!EnumText.TryParse<ScanRunState>(state, out var s))
            {
                return (null, Problems.Invalid("state", $"one of {EnumText.Names<ScanRunState>()}"));
            }

            parsedState = s;
        }

        if (!QueryValue.TryId(assetId, out var parsedAsset))
        {
            return (null, Problems.Invalid("assetId", "an asset id (a GUID)"));
        }

        if (!QueryValue.TryFlag(active, out var parsedActive))
        {
            return (null, Problems.Invalid("active", "true or false"));
        }

        return (new ScanRunFilter(parsedState, parsedAsset, parsedActive), null);
    }

    /// <summary>The matching runs newest first, as the API and the console's scans page list them.</summary>
    public IOrderedQueryable<ScanRun> List(ControlDbContext db) =>
        Apply(db.ScanRuns.AsNoTracking()).OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id);

    public IQueryable<ScanRun> Apply(IQueryable<ScanRun> runs)
    {
        if (State is { } state)
        {
            runs = runs.Where(r => r.State == state);
        }

        if (AssetId is { } assetId)
        {
            runs = runs.Where(r => r.AssetId == assetId);
        }

        // ActiveAssetId is the run's own mark of "not terminal" (the one-active-run-per-asset index is on it).
        if (Active is { } active)
        {
            runs = active ? runs.Where(r => r.ActiveAssetId != null) : runs.Where(r => r.ActiveAssetId == null);
        }

        return runs;
    }
}
