using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Accounts;
using Snapsight.Control.Persistence;
using Snapsight.Server.Api;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Accounts;

/// <summary>
/// <c>/api/v1/connectors</c>: AWS connectors. The external ID is issued here, shown whole only in the
/// creation's answer, masked everywhere else and never written to the audit log.
/// </summary>
public static class ConnectorEndpoints
{
    public static void MapConnectors(this IEndpointRouteBuilder routes)
    {
        var connectors = routes.MapGroup("/api/v1/connectors").WithTags("Connectors");
        connectors.MapPost("", CreateAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Validate and save a new AWS connector; the answer holds its external ID, the only time it is shown whole.")
            .Produces<ConnectorView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        connectors.MapGet("", ListAsync).RequireAuthorization(Policies.Reader)
            .WithSummary("List connectors, paged; ?name= keeps those whose name contains it.");
        connectors.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.Reader)
            .WithSummary("One connector, its external ID masked.")
            .Produces<ConnectorView>().ProducesProblem(StatusCodes.Status404NotFound);
        connectors.MapPatch("/{id:guid}", ChangeAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Change the fields given; the whole connector is validated again.")
            .Produces<ConnectorView>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        connectors.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Policies.Operator)
            .WithSummary("Delete a connector, deregistering the service and target accounts registered on it.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Task<IResult> CreateAsync(ConnectorInput? input, HttpContext context, ConnectorActions actions) =>
        AccountProblems.CheckedAsync(async () =>
        {
            var connector = await actions.CreateAsync(context, input ?? new ConnectorInput()).ConfigureAwait(false);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Created($"/api/v1/connectors/{connector.Id}", ConnectorView.Of(connector, showExternalId: true));
        });

    private static async Task<Page<ConnectorView>> ListAsync(int? offset, int? limit, string? name, ControlDbContext db, CancellationToken ct)
    {
        return await Paging.PageAsync(AccountQueries.Connectors(db, name), offset, limit, c => ConnectorView.Of(c), ct)
            .ConfigureAwait(false);
    }

    private static async Task<IResult> GetAsync(Guid id, ControlDbContext db, CancellationToken ct) =>
        await db.Connectors.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct).ConfigureAwait(false) is { } connector
            ? Results.Ok(ConnectorView.Of(connector))
            : Problems.NotFound("connector");

    private static Task<IResult> ChangeAsync(Guid id, ConnectorInput? input, HttpContext context, ConnectorActions actions) =>
        AccountProblems.CheckedAsync(async () =>
            await actions.ChangeAsync(context, id, input ?? new ConnectorInput()).ConfigureAwait(false) is { } connector
                ? Results.Ok(ConnectorView.Of(connector))
                : Problems.NotFound("connector"));

    private static async Task<IResult> DeleteAsync(Guid id, HttpContext context, ConnectorActions actions) =>
        await actions.DeleteAsync(context, id).ConfigureAwait(false) is null ? Problems.NotFound("connector") : Results.NoContent();
}
