using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Snapsight.Cloud.Aws;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tokens;
using Snapsight.Server.Api;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Templates;

/// <summary>
/// One template download: fills the request's defaults from the subscription, puts a live subscription
/// token in it (issued now unless the caller names one), renders, audits, and answers the file. A bad
/// field is a 400 problem naming it, as the template validation reports it. The audit entry may say
/// what the file is for (<c>about</c>: the connector of a CFT-T), never a secret.
/// </summary>
public sealed class TemplateDownload(
    ControlDbContext db, SubscriptionTokenService tokens, SubscriptionTokenSettings tokenSettings, AuditLog audit)
{
    public const string JsonType = "application/json";
    public const string YamlType = "application/yaml";

    public async Task<IResult> RenderAsync(HttpContext context, string kind, string? format, TemplateDownloadRequest request,
        Func<TemplateRequest, JsonObject> render, string? about = null)
    {
        var ct = context.RequestAborted;
        var yaml = format?.ToLowerInvariant() switch
        {
            null or "json" => false,
            "yaml" or "yml" => true,
            _ => (bool?)null,
        };
        if (yaml is null)
        {
            return Problems.Invalid("format", "give json or yaml");
        }

        if (request.Regions is null || request.Regions.Count == 0)
        {
            return Problems.Invalid("regions", "name at least one region to scan");
        }

        var apiEndpoint = request.ApiEndpoint ?? $"{context.Request.Scheme}://{context.Request.Host}";
        if (!apiEndpoint.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Invalid("apiEndpoint",
                $"this request came over plain http ({apiEndpoint}); give the https URL AWS should call back");
        }

        var subscriptionId = RequestActor.SubscriptionId(context);
        var subscription = await db.Subscriptions.AsNoTracking().SingleAsync(ct).ConfigureAwait(false);
        var (token, tokenId, issuedNow) = await TokenAsync(context, request, subscriptionId).ConfigureAwait(false);
        if (token is null)
        {
            return Problems.Invalid("subscriptionToken", "is not a live subscription token of this subscription");
        }

        JsonObject template;
        try
        {
            template = render(new TemplateRequest
            {
                SubscriptionId = subscriptionId.ToString(),
                SubscriptionToken = token,
                ApiEndpoint = apiEndpoint.TrimEnd('/'),
                Partition = request.Partition ?? AwsPartition.Aws.Name,
                Regions = request.Regions,
                TargetRegions = request.TargetRegions ?? request.Regions,
                ScanIntervalHours = request.ScanIntervalHours ?? subscription.ScanIntervalHours,
                ScannerConcurrency = request.ScannerConcurrency ?? TemplateRequest.DefaultScannerConcurrency,
                Tags = request.Tags ?? new TagFilter(),
                EventBasedScanning = request.EventBasedScanning,
                ScanningRoleName = request.ScanningRoleName ?? TemplateRequest.DefaultScanningRoleName,
            });
        }
        catch (TemplateParameterException bad)
        {
            // Nothing was handed out: the token issued for this download is not saved.
            return Problems.Invalid(bad.Field, bad.Reason);
        }

        audit.Record(RequestActor.Name(context), AuditActions.TemplateDownload, kind, true, subscriptionId,
            RequestActor.Client(context), $"{about}{(about is null ? "" : ", ")}{(yaml.Value ? "yaml" : "json")}, subscription token {tokenId}{(issuedNow ? " issued for it" : "")}");
        await db.SaveChangesAsync(ct).ConfigureAwait(false);

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"snapsight-{kind}.{(yaml.Value ? "yaml" : "json")}\"";
        context.Response.Headers["Snapsight-Subscription-Token-Id"] = tokenId.ToString();
        return yaml.Value
            ? Results.Text(TemplateWriter.Yaml(template), YamlType)
            : Results.Text(TemplateWriter.Json(template), JsonType);
    }

    private async Task<(string? Value, Guid Id, bool IssuedNow)> TokenAsync(
        HttpContext context, TemplateDownloadRequest request, Guid subscriptionId)
    {
        if (request.SubscriptionToken is { } given)
        {
            var found = await tokens.FindUsableAsync(given, context.RequestAborted).ConfigureAwait(false);
            return found is not null && found.SubscriptionId == subscriptionId ? (given, found.Id, false) : (null, Guid.Empty, false);
        }

        var seconds = request.TokenExpiry ?? (long)tokenSettings.MaxLifetime.TotalSeconds;
        var issued = tokens.Issue(subscriptionId, RequestActor.UserId(context), Math.Max(seconds, (long)tokenSettings.MinLifetime.TotalSeconds));
        audit.Record(RequestActor.Name(context), AuditActions.TokenIssue, issued.Token.Id.ToString(), true, subscriptionId,
            RequestActor.Client(context), "for a template download");
        return (issued.Value, issued.Token.Id, true);
    }
}
