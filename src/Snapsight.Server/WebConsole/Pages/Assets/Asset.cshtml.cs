using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Assessments;
using Snapsight.Control.Assets;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;
using Snapsight.Server.Api;
using Snapsight.Server.Findings;

namespace Snapsight.Server.WebConsole.Pages.Assets;

/// <summary>
/// One asset: its facts, its latest snapshot-based and API-based (SSM inventory) assessments side by
/// side, its current run's findings, packages and compliance results, its run history
/// with read statistics and the diff of a chosen run to the one before, and its SBOMs. Each tab is one
/// page of the same query the API's <c>/api/v1/assets/{id}/…</c> endpoints page through.
/// </summary>
public sealed class AssetModel(ControlDbContext db, ScanResults results, ApiAssessments assessments) : PageModel
{
    public static readonly IReadOnlyList<(string Tab, string Label)> Tabs =
        [("findings", "Findings"), ("packages", "Packages"), ("compliance", "Compliance"), ("runs", "Scan history"), ("api", "API-based findings")];

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tab { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Run { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Offset { get; set; }

    public Asset Asset { get; private set; } = null!;

    public StoredRun? Current { get; private set; }

    public Page<StoredFinding>? Findings { get; private set; }

    public Page<StoredPackage>? Packages { get; private set; }

    public Page<StoredRuleResult>? Compliance { get; private set; }

    public Page<StoredRun>? Runs { get; private set; }

    public RunDiff? Diff { get; private set; }

    /// <summary>The latest API-based assessment (the cloud agent's inventory, matched like a scan), or null.</summary>
    public ApiAssessment? Api { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == Id, ct).ConfigureAwait(false) is not { } asset)
        {
            return NotFound();
        }

        Asset = asset;
        Current = await db.StoredRuns.AsNoTracking().SingleOrDefaultAsync(r => r.AssetId == Id && r.IsCurrent, ct).ConfigureAwait(false);
        Api = await assessments.FindAsync(Id, ct).ConfigureAwait(false);
        Tab = Tabs.Any(t => t.Tab == Tab) ? Tab : Tabs[0].Tab;
        const int limit = Paging.DefaultLimit;
        switch (Tab)
        {
            case "packages":
                Packages = await Paging.PageAsync(ResultQueries.CurrentPackages(db, Id), Offset, limit, p => p, ct).ConfigureAwait(false);
                break;
            case "compliance":
                Compliance = await Paging.PageAsync(ResultQueries.CurrentRuleResults(db, Id), Offset, limit, r => r, ct).ConfigureAwait(false);
                break;
            case "runs":
                Runs = await Paging.PageAsync(ResultQueries.NewestFirst(db.StoredRuns.AsNoTracking().Where(r => r.AssetId == Id)),
                    Offset, limit, r => r, ct).ConfigureAwait(false);
                if (Run is { } run)
                {
                    Diff = await results.DiffAsync(Id, run, ct).ConfigureAwait(false);
                }

                break;
            case "api":
                break;
            default:
                var mine = FindingFilter.None with { AssetId = Id };
                Findings = await Paging.PageAsync(ResultQueries.Ordered(ResultQueries.CurrentFindings(db, mine)), Offset, limit, f => f, ct)
                    .ConfigureAwait(false);
                break;
        }

        return Page();
    }

    /// <summary>The current run's SBOM as the API answers it, for the signed-in console user.</summary>
    public async Task<IActionResult> OnGetSbomAsync(string? format)
    {
        var ct = HttpContext.RequestAborted;
        if (SbomDownload.For(format) is not { } download || !await db.Assets.AnyAsync(a => a.Id == Id, ct).ConfigureAwait(false))
        {
            return NotFound();
        }

        return await download.FileAsync(db, Id, ct).ConfigureAwait(false) is { } file ? new HttpResultAction(file) : NotFound();
    }
}
