using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Control.Persistence;
using Snapsight.Server.Api;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Templates;

/// <summary>
/// The account templates as downloads: <c>POST /api/v1/templates/service-account</c> (CFT-S) and
/// <c>POST /api/v1/templates/target-account</c> (CFT-T, for one connector).
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
        templates.MapPost("/target-account", TargetAccountAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Download the target-account CloudFormation template (CFT-T) of a connector as JSON or YAML (?format=yaml).")
            .Produces<string>(StatusCodes.Status200OK, TemplateDownload.JsonType, TemplateDownload.YamlType)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>CFT-S: the endpoint's and the console's download.</summary>
    public static async Task<IResult> ServiceAccountAsync(
        TemplateDownloadRequest? request, string? format, HttpContext context, TemplateDownload download)
    {
        request ??= new TemplateDownloadRequest();
        if (request.ConnectorId is not null || request.ServiceAccountId is not null)
        {
            return Problems.Invalid(request.ConnectorId is not null ? "connectorId" : "serviceAccountId",
                "only the target-account template takes it");
        }

        return await download.RenderAsync(context, "service-account", format, request, CloudFormationTemplates.ServiceAccount)
            .ConfigureAwait(false);
    }

    /// <summary>CFT-T of one connector: the endpoint's and the console's download.</summary>
    public static async Task<IResult> TargetAccountAsync(
        TemplateDownloadRequest? request, string? format, HttpContext context, TemplateDownload download, ControlDbContext db)
    {
        var (inputs, refusal) = await TargetTemplateInputs.ResolveAsync(request ?? new TemplateDownloadRequest(), db, context.RequestAborted)
            .ConfigureAwait(false);
        return inputs is null
            ? refusal!
            : await download.RenderAsync(context, "target-account", format, inputs.Request,
                r => CloudFormationTemplates.TargetAccount(r, inputs.Trust), $"connector {inputs.ConnectorId}").ConfigureAwait(false);
    }
}
