using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Accounts;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Server.Api;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Accounts;

/// <summary>
/// The templates' call-backs <c>POST /conn/snapshot/v1.0/register-service-account</c> and
/// <c>register-target-account</c> (a subscription token or a user's bearer), and the registered
/// accounts under <c>/api/v1/service-account</c> and <c>/api/v1/target-accounts</c>.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>Both connectors and accounts: the one line <c>ServerApp</c> calls.</summary>
    public static void MapAccounts(this IEndpointRouteBuilder routes)
    {
        routes.MapConnectors();
        var callBacks = routes.MapGroup("/conn/snapshot/v1.0").WithTags("Account registration");
        callBacks.MapPost("/register-service-account", RegisterServiceAsync).RequireAuthorization(Policies.CallBack)
            .WithSummary("Register the subscription's service account (CFT-S's call-back): 201, 304 when already registered, 400 with the reason code.")
            .Produces<ServiceAccountView>(StatusCodes.Status201Created).Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        callBacks.MapPost("/register-target-account", RegisterTargetAsync).RequireAuthorization(Policies.CallBack)
            .WithSummary("Register a target account (CFT-T's call-back): 201, 304 when already registered, 400 with the reason code.")
            .Produces<TargetAccountView>(StatusCodes.Status201Created).Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        var service = routes.MapGroup("/api/v1/service-account").WithTags("Account registration");
        service.MapGet("", GetServiceAsync).RequireAuthorization(Policies.Reader)
            .WithSummary("The service account, its validation state and last error.")
            .Produces<ServiceAccountView>().ProducesProblem(StatusCodes.Status404NotFound);
        service.MapDelete("", DeregisterServiceAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Deregister the service account.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        var targets = routes.MapGroup("/api/v1/target-accounts").WithTags("Account registration");
        targets.MapGet("", ListTargetsAsync).RequireAuthorization(Policies.Reader)
            .WithSummary("List target accounts, paged, with their validation state and last error.");
        targets.MapGet("/{id:guid}", GetTargetAsync).RequireAuthorization(Policies.Reader)
            .Produces<TargetAccountView>().ProducesProblem(StatusCodes.Status404NotFound);
        targets.MapDelete("/{id:guid}", RemoveTargetAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Remove a target account.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Task<IResult> RegisterServiceAsync(ServiceAccountRegistration? body, HttpContext context, AccountActions actions) =>
        AccountProblems.CheckedAsync(async () =>
        {
            var outcome = await actions.RegisterServiceAsync(context, body ?? new ServiceAccountRegistration()).ConfigureAwait(false);
            return AccountProblems.Answer(outcome, a => ServiceAccountView.Of((ServiceAccount)a), "/api/v1/service-account");
        });

    private static Task<IResult> RegisterTargetAsync(TargetAccountRegistration? body, HttpContext context, AccountActions actions, ICloudProvider cloud) =>
        AccountProblems.CheckedAsync(async () =>
        {
            var outcome = await actions.RegisterTargetAsync(context, body ?? new TargetAccountRegistration(null, null, null))
                .ConfigureAwait(false);
            return AccountProblems.Answer(outcome, a => TargetAccountView.Of((TargetAccount)a, cloud.SnapshotAccess), $"/api/v1/target-accounts/{outcome.Account?.Id}");
        });

    private static async Task<IResult> GetServiceAsync(ControlDbContext db, CancellationToken ct) =>
        await db.ServiceAccounts.AsNoTracking().SingleOrDefaultAsync(ct).ConfigureAwait(false) is { } account
            ? Results.Ok(ServiceAccountView.Of(account))
            : Problems.NotFound("service account");

    private static async Task<IResult> DeregisterServiceAsync(HttpContext context, AccountActions actions) =>
        await actions.DeregisterServiceAsync(context).ConfigureAwait(false) ? Results.NoContent() : Problems.NotFound("service account");

    private static async Task<Page<TargetAccountView>> ListTargetsAsync(int? offset, int? limit, ControlDbContext db, ICloudProvider cloud, CancellationToken ct) =>
        await Paging.PageAsync(AccountQueries.TargetAccounts(db), offset, limit, a => TargetAccountView.Of(a, cloud.SnapshotAccess), ct)
            .ConfigureAwait(false);

    private static async Task<IResult> GetTargetAsync(Guid id, ControlDbContext db, ICloudProvider cloud, CancellationToken ct) =>
        await db.TargetAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct).ConfigureAwait(false) is { } account
            ? Results.Ok(TargetAccountView.Of(account, cloud.SnapshotAccess))
            : Problems.NotFound("target account");

    private static async Task<IResult> RemoveTargetAsync(Guid id, HttpContext context, AccountActions actions) =>
        await actions.RemoveTargetAsync(context, id).ConfigureAwait(false) ? Results.NoContent() : Problems.NotFound("target account");
}
