using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Assets;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;
using Snapsight.Server.Api;
using Snapsight.Server.Assets;

namespace Snapsight.Server.WebConsole.Pages.Assets;

/// <summary>The asset list: the API's <see cref="AssetFilter"/> and order, one page of 50 at a time.</summary>
public sealed class IndexModel(ControlDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Account { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Os { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tag { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Offset { get; set; }

    public Page<Asset>? Assets { get; private set; }

    /// <summary>The current run of each listed asset, for its OS and finding count.</summary>
    public IReadOnlyDictionary<Guid, StoredRun> CurrentRuns { get; private set; } = new Dictionary<Guid, StoredRun>();

    public string? Error { get; private set; }

    public IReadOnlyList<string> Accounts { get; private set; } = [];

    public IReadOnlyList<string> Regions { get; private set; } = [];

    public IReadOnlyList<string> OsFamilies { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Accounts = await db.Assets.Select(a => a.CloudAccountId).Distinct().OrderBy(a => a).ToListAsync(ct).ConfigureAwait(false);
        Regions = await db.Assets.Select(a => a.Region).Distinct().OrderBy(r => r).ToListAsync(ct).ConfigureAwait(false);
        OsFamilies = await db.StoredRuns.Where(r => r.IsCurrent && r.OsFamily != null).Select(r => r.OsFamily!).Distinct()
            .OrderBy(o => o).ToListAsync(ct).ConfigureAwait(false);

        var (filter, problem) = AssetFilter.Read(FormValue.Given(Account), FormValue.Given(Region), FormValue.Given(State), null,
            FormValue.Given(Tag), FormValue.Given(Os), FormValue.Given(Search));
        if (filter is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Error = FormValue.Refusal(problem);
            return;
        }

        Assets = await Paging.PageAsync(filter.List(db), Offset, Paging.DefaultLimit, a => a, ct).ConfigureAwait(false);
        var ids = Assets.Items.Select(a => a.Id).ToList();
        CurrentRuns = await db.StoredRuns.AsNoTracking().Where(r => r.IsCurrent && ids.Contains(r.AssetId))
            .ToDictionaryAsync(r => r.AssetId, ct).ConfigureAwait(false);
    }
}
