using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tenancy;

namespace Snapsight.Server.Api;

/// <summary><c>/api/v1/subscription</c>: the caller's own subscription (there is no way to name another).</summary>
public static class SubscriptionEndpoints
{
    public static void MapSubscriptionApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/subscription", GetAsync)
            .WithTags("Subscription")
            .WithSummary("The caller's subscription: name, licence and scan interval.");
    }

    private static async Task<SubscriptionView> GetAsync(ControlDbContext db, CancellationToken ct)
    {
        var subscription = await db.Subscriptions.AsNoTracking().SingleAsync(ct).ConfigureAwait(false);
        return SubscriptionView.Of(subscription);
    }

    public sealed record SubscriptionView(Guid Id, string Name, DateTime CreatedAt, int LicensedIpAddresses, int ScanIntervalHours)
    {
        public static SubscriptionView Of(Subscription s) => new(s.Id, s.Name, s.CreatedAt, s.LicensedIpAddresses, s.ScanIntervalHours);
    }
}
