using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;
using Snapsight.Server.Api;
using Snapsight.Server.Findings;

namespace Snapsight.Server.WebConsole.Pages;

/// <summary>
/// Findings across the fleet with the API's <see cref="FindingFilter"/>, listed one by one or grouped
/// by vulnerability or by package (counted in the database, then paged).
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
                Groups = await GroupsAsync(current.GroupBy(f => f.VulnerabilityId), ct).ConfigureAwait(false);
                break;
            case "package":
                Groups = await GroupsAsync(current.GroupBy(f => f.PackageName), ct).ConfigureAwait(false);
                break;
            default:
                Group = null;
                Findings = await Paging.PageAsync(ResultQueries.Ordered(current), Offset, Paging.DefaultLimit, f => f, ct).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Worst first: highest severity, then most assets.</summary>
    private Task<Page<FindingGroup>> GroupsAsync(IQueryable<IGrouping<string, StoredFinding>> groups, CancellationToken ct) =>
        Paging.PageAsync(
            groups.Select(g => new
                {
                    g.Key,
                    Findings = g.Count(),
                    Assets = g.Select(f => f.AssetId).Distinct().Count(),
                    Severity = g.Max(f => f.Severity),
                    Epss = g.Max(f => f.EpssScore),
                    Kev = g.Max(f => f.Kev ? 1 : 0),
                })
                .OrderByDescending(g => g.Severity).ThenByDescending(g => g.Assets).ThenBy(g => g.Key),
            Offset, Paging.DefaultLimit, g => new FindingGroup(g.Key, g.Findings, g.Assets, g.Severity, g.Epss, g.Kev == 1), ct);
}
