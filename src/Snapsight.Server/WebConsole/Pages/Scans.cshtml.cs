using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;
using Snapsight.Server.Api;
using Snapsight.Server.Scans;

namespace Snapsight.Server.WebConsole.Pages;

/// <summary>
/// The scan workflow's runs, newest first, with the API's <see cref="ScanRunFilter"/>; by default the
/// runs in progress. While any shown run is in progress the page's script reloads the table every few
/// seconds, so the progress is live without a socket.
/// </summary>
public sealed class ScansModel(ControlDbContext db) : PageModel
{
    /// <summary>The states a run passes through on its way to <see cref="ScanRunState.Done"/>, in order: its progress.</summary>
    public static readonly IReadOnlyList<ScanRunState> Steps =
    [
        ScanRunState.Planned, ScanRunState.SnapshotsRequested, ScanRunState.SnapshotsCompleted, ScanRunState.Shared,
        ScanRunState.Scanning, ScanRunState.ResultsStored, ScanRunState.CleanedUp, ScanRunState.Done,
    ];

    /// <summary><c>active</c> (the default), <c>finished</c> or <c>all</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Offset { get; set; }

    public Page<ScanRun>? Runs { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Whether the page should keep refreshing: some shown run is not finished.</summary>
    public bool InProgress => Runs?.Items.Any(r => r.ActiveAssetId is not null) == true;

    public async Task OnGetAsync()
    {
        Show = Show is "finished" or "all" ? Show : "active";
        var (filter, problem) = ScanRunFilter.Read(FormValue.Given(State), null, Show switch
        {
            "active" => "true",
            "finished" => "false",
            _ => null,
        });
        if (filter is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Error = FormValue.Refusal(problem);
            return;
        }

        Runs = await Paging.PageAsync(filter.List(db), Offset, Paging.DefaultLimit, r => r, HttpContext.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>How far along its way to Done the run is; a failed or skipped run stays where it stopped.</summary>
    public static int StepOf(ScanRun run) => Math.Max(0, Steps.ToList().IndexOf(run.State));
}
