using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;
using Snapsight.Server.Api;
using Snapsight.Server.Findings;
using Level = Snapsight.Advisories.Model.Severity;

namespace Snapsight.Server.WebConsole.Pages;

/// <summary>
/// Findings across the fleet with the API's <see cref="FindingFilter"/>, listed one by one (the count
/// capped, <see cref="ConsolePaging"/>) or grouped by vulnerability or by package (aggregated in the database).
/// </summary>
public sealed class FindingsModel(ControlDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string[] Severity { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Kev { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EpssMin { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? FixAvailable { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Package { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cve { get; set; }

    /// <summary>Empty for one row per finding, <c>cve</c> or <c>package</c> to group.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Group { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Offset { get; set; }

    public Page<StoredFinding>? Findings { get; private set; }

    public Page<FindingGroup>? Groups { get; private set; }

    public PagerView? Pager { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var severities = Severity.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        var (filter, problem) = FindingFilter.Read(severities.Count == 0 ? null : string.Join(',', severities), FormValue.Given(Kev),
            FormValue.Given(EpssMin), FormValue.Given(FixAvailable), FormValue.Given(Package), FormValue.Given(Cve), null);
        if (filter is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Error = FormValue.Refusal(problem);
            return;
        }

        var current = ResultQueries.CurrentFindings(db, filter);
        switch (Group)
        {
            case "cve":
                (Groups, Pager) = await GroupsAsync(current.GroupBy(f => f.VulnerabilityId), ct).ConfigureAwait(false);
                break;
            case "package":
                (Groups, Pager) = await GroupsAsync(current.GroupBy(f => f.PackageName), ct).ConfigureAwait(false);
                break;
            default:
                Group = null;
                (Findings, Pager) = await ConsolePaging.CappedAsync(current, ResultQueries.Ordered(current), Offset, ct).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// By key, so the database can aggregate the groups in index order and stop after a page, instead of
    /// aggregating every current finding first (seconds at a million); a filter (severity, KEV) narrows
    /// them to the worst. Severities are stored as names, so the highest is taken by rank, not by name.
    /// </summary>
    private Task<(Page<FindingGroup> Page, PagerView Pager)> GroupsAsync(IQueryable<IGrouping<string, StoredFinding>> groups, CancellationToken ct) =>
        ConsolePaging.LookaheadAsync(
            groups.OrderBy(g => g.Key).Select(g => new FindingGroup(
                g.Key,
                g.Count(),
                g.Select(f => f.AssetId).Distinct().Count(),
                (Level)g.Max(f => f.Severity == Level.Critical ? 4 : f.Severity == Level.High ? 3
                    : f.Severity == Level.Medium ? 2 : f.Severity == Level.Low ? 1 : 0),
                g.Max(f => f.EpssScore),
                g.Max(f => f.Kev ? 1 : 0) == 1)),
            Offset, ct);
}
