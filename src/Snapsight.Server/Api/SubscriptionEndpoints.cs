using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Api;

/// <summary><c>/api/v1/subscription</c>: the caller's own subscription (there is no way to name another).</summary>
public static class SubscriptionEndpoints
{
    public static void MapSubscriptionApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/subscription", GetAsync)
            .WithTags("Subscription")
            .WithSummary("The caller's subscription: name, licence and scan interval.");
        routes.MapPatch("/api/v1/subscription", ChangeAsync)
            .RequireAuthorization(Policies.Admin)
            .WithTags("Subscription")
            .WithSummary("Change the name or the scan interval (24 to 168 hours); the licence is not set here.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<SubscriptionView> GetAsync(ControlDbContext db, CancellationToken ct)
    {
        var subscription = await db.Subscriptions.AsNoTracking().SingleAsync(ct).ConfigureAwait(false);
        return SubscriptionView.Of(subscription);
    }

    private static async Task<IResult> ChangeAsync(ChangeSubscriptionRequest? request, HttpContext context,
        SubscriptionChanges changes, AuditLog audit, ControlDbContext db)
    {
        if (request?.LicensedIpAddresses is { ValueKind: not JsonValueKind.Null })
        {
            return Problems.Invalid("licensedIpAddresses",
                "is the subscription's licence and cannot be changed through the API; ask for a new licence to change it");
        }

        try
        {
            var (subscription, changed) = await changes.ApplyAsync(request?.Name, request?.ScanIntervalHours, context.RequestAborted)
                .ConfigureAwait(false);
            if (changed.Count > 0)
            {
                audit.Record(RequestActor.Name(context), AuditActions.SubscriptionChange, subscription.Id.ToString(), true,
                    subscription.Id, RequestActor.Client(context), string.Join("; ", changed));
                await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
            }

            return Results.Ok(SubscriptionView.Of(subscription));
        }
        catch (InvalidFieldException refused)
        {
            return Problems.Of(refused);
        }
        catch (ConflictException refused)
        {
            return Problems.Of(refused);
        }
    }

    /// <summary>
    /// The settable fields; <c>licensedIpAddresses</c> is read only so that a request carrying it is
    /// refused by name rather than silently ignored.
    /// </summary>
    public sealed record ChangeSubscriptionRequest(string? Name, int? ScanIntervalHours, JsonElement? LicensedIpAddresses);

    public sealed record SubscriptionView(Guid Id, string Name, DateTime CreatedAt, int LicensedIpAddresses, int ScanIntervalHours)
    {
        public static SubscriptionView Of(Subscription s) => new(s.Id, s.Name, s.CreatedAt, s.LicensedIpAddresses, s.ScanIntervalHours);
    }
}
