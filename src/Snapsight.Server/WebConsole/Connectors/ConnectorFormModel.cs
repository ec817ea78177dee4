using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Snapsight.Server.WebConsole.Connectors;

/// <summary>
/// A connector's fields as the console's forms post them (the wizard's steps and the connector page), as typed, so a
/// bad value is shown back beside its error; and the refusals, by the field's API name. Regions are each page's own.
/// </summary>
public abstract class ConnectorFormModel : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public List<string> Applications { get; set; } = [];

    [BindProperty]
    public string? AccountType { get; set; }

    [BindProperty]
    public string? PollingFrequencyHours { get; set; }

    [BindProperty]
    public string? RoleArn { get; set; }

    /// <summary>One <c>key=value</c> a line.</summary>
    [BindProperty]
    public string? AssetTags { get; set; }

    [BindProperty]
    public bool AutoActivate { get; set; }

    [BindProperty]
    public bool ZeroTouchSnapshot { get; set; }

    /// <summary>Why a shown field was refused, by the field's API name.</summary>
    public Dictionary<string, string> Errors { get; protected set; } = [];

    /// <summary>A refusal that belongs to no shown field.</summary>
    public string? Error { get; protected set; }

    public bool ZeroTouchAllowed { get; protected set; }
}
