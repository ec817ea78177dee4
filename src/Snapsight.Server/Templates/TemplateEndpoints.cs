using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Templates;

/// <summary>
/// The account templates as downloads: <c>POST /api/v1/templates/service-account</c> (CFT-S).
/// A POST, not a GET, because the answer carries a subscription token: it is issued for the
/// download unless the caller names a live one, and the file must never sit in a cache.
/// </summary>
public static class TemplateEndpoints
{
    public static void MapTemplates(this IEndpointRouteBuilder routes)
    {
        var templates = routes.MapGroup("/api/v1/templates").WithTags("Templates");
        templates.MapPost("/service-account", ServiceAccountAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Download the service-account CloudFormation template (CFT-S) as JSON or YAML (?format=yaml).")
            .Produces<string>(StatusCodes.Status200OK, TemplateDownload.JsonType, TemplateDownload.YamlType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ServiceAccountAsync(
        TemplateDownloadRequest? request, string? format, HttpContext context, TemplateDownload download) =>
        await download.RenderAsync(context, "service-account", format, request ?? new TemplateDownloadRequest(),
            CloudFormationTemplates.ServiceAccount).ConfigureAwait(false);
}
