using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Snapsight.Control;
using Snapsight.Control.Accounts;
using Snapsight.Control.Discovery;
using Snapsight.Server.Api;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Discovery;

/// <summary>
/// <c>POST /api/v1/events/instance</c>: the target account's EventBridge rule forwards EC2 state
/// changes here with the subscription token (like the registration call-backs), so a new or
/// started instance is discovered and due at once instead of at the next poll.
/// </summary>
public static class DiscoveryEndpoints
{
    public static void MapDiscovery(this IEndpointRouteBuilder routes)
    {
        var events = routes.MapGroup("/api/v1/events").WithTags("Discovery");
        events.MapPost("/instance", InstanceAsync).RequireAuthorization(Policies.CallBack).RequireRateLimiting(InstanceEventRateLimit.Policy)
            .WithSummary("An EC2 instance state-change event: polls the instance's account and region now and makes a starting or running instance due at once.")
            .Produces<InstanceEventView>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status502BadGateway);
    }

    private static async Task<IResult> InstanceAsync(InstanceEventBody? body, HttpContext context, InstanceEvents events)
    {
        InstanceEventResult result;
        try
        {
            var caller = new RegistrationCaller(RequestActor.SubscriptionId(context), RequestActor.Name(context), RequestActor.Client(context));
            result = await events.HandleAsync(body?.Account, body?.Region, body?.Detail?.InstanceId, body?.Detail?.State, caller,
                context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidFieldException bad)
        {
            return Problems.Of(bad);
        }

        return result.Outcome switch
        {
            InstanceEventOutcome.Recorded => Results.Ok(InstanceEventView.Of(result.Asset!)),
            InstanceEventOutcome.CloudFailed => Results.Problem(statusCode: StatusCodes.Status502BadGateway, detail: result.Problem),
            _ => Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: result.Problem),
        };
    }
}
