using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Accounts;
using Snapsight.Control.Persistence;
using Snapsight.Server.Accounts;
using Snapsight.Server.Templates;

namespace Snapsight.Server.WebConsole.Pages;

/// <summary>
/// The account templates as downloads, for operators: the same <see cref="TemplateEndpoints"/> handlers as
/// <c>POST /api/v1/templates/…</c> answer the file (a subscription token issued for it, audited as
/// <c>template.download</c>), or the refusal, shown in words beside its form.
/// </summary>
[Authorize(Policy = ConsoleSetup.OperatorPolicy)]
public sealed class TemplatesModel(ControlDbContext db, TemplateDownload download) : PageModel
{
    /// <summary>How many connectors the target template's list offers; a connector's row on the connectors list links the rest.</summary>
    public const int ConnectorChoices = 200;

    public static readonly IReadOnlyList<string> Formats = ["json", "yaml"];

    [BindProperty(SupportsGet = true)]
    public Guid? Connector { get; set; }

    [BindProperty]
    public string? Regions { get; set; }

    [BindProperty]
    public string? Format { get; set; }

    [BindProperty]
    public string? ApiEndpoint { get; set; }

    public IReadOnlyList<ConnectorView> Connectors { get; private set; } = [];

    public string? ServiceError { get; private set; }

    public string? TargetError { get; private set; }

    /// <summary>Where AWS calls back by default: this address when the browser reached it over https (the API refuses plain http).</summary>
    public string DefaultApiEndpoint => Request.IsHttps ? $"{Request.Scheme}://{Request.Host}" : "";

    public Task OnGetAsync()
    {
        Regions ??= "";
        return LoadAsync();
    }

    public async Task<IActionResult> OnPostServiceAsync()
    {
        var request = new TemplateDownloadRequest { Regions = RegionList(Regions), ApiEndpoint = FormValue.Given(ApiEndpoint) };
        var file = await TemplateEndpoints.ServiceAccountAsync(request, Format, HttpContext, download).ConfigureAwait(false);
        if (file is not ProblemHttpResult refused)
        {
            return new HttpResultAction(file);
        }

        (Response.StatusCode, ServiceError) = (refused.StatusCode, FormValue.Refusal(refused));
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostTargetAsync()
    {
        var request = new TemplateDownloadRequest { ConnectorId = Connector?.ToString(), ApiEndpoint = FormValue.Given(ApiEndpoint) };
        var file = await TemplateEndpoints.TargetAccountAsync(request, Format, HttpContext, download, db).ConfigureAwait(false);
        if (file is not ProblemHttpResult refused)
        {
            return new HttpResultAction(file);
        }

        (Response.StatusCode, TargetError) = (refused.StatusCode, FormValue.Refusal(refused));
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    /// <summary>Regions as typed: separated by commas or spaces; none is null, which the download refuses in words.</summary>
    private static string[]? RegionList(string? text) =>
        text?.Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } regions ? regions : null;

    private async Task LoadAsync()
    {
        Connectors = await AccountQueries.Connectors(db, null).Take(ConnectorChoices).Select(c => ConnectorView.Of(c, false))
            .ToListAsync(HttpContext.RequestAborted).ConfigureAwait(false);
        if (string.IsNullOrEmpty(Regions) && await db.ServiceAccounts.AsNoTracking().SingleOrDefaultAsync(HttpContext.RequestAborted)
            .ConfigureAwait(false) is { } service)
        {
            Regions = string.Join(", ", service.Regions);
        }
    }
}
