using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Discovery;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Discovery;

/// <summary>
/// A token bucket per subscription in front of <c>POST /api/v1/events/instance</c>: past the burst,
/// events are answered 429 with <c>Retry-After</c>, which EventBridge API destinations retry later,
/// so no event the template forwards is lost while a flood cannot reach the cloud.
/// </summary>
public static class InstanceEventRateLimit
{
    public const string Policy = "instance-events";

    public static IServiceCollection AddInstanceEventRateLimit(this IServiceCollection services, DiscoverySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "1";
                return new ValueTask(Results.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                        detail: $"Too many instance events for this subscription (a burst of {settings.EventBurst}, then one every {settings.EventRefillEvery.TotalMilliseconds} ms); retry later.")
                    .ExecuteAsync(rejected.HttpContext));
            };
            limiter.AddPolicy(Policy, context => RateLimitPartition.GetTokenBucketLimiter(
                RequestActor.SubscriptionId(context).ToString("N", CultureInfo.InvariantCulture),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.EventBurst,
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = settings.EventRefillEvery,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        });
    }
}
