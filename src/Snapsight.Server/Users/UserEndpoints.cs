using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control;
using Snapsight.Control.Audit;
using Snapsight.Control.Persistence;
using Snapsight.Control.Setup;
using Snapsight.Control.Tenancy;
using Snapsight.Server.Api;
using Snapsight.Server.Auth;

namespace Snapsight.Server.Users;

/// <summary>
/// <c>/api/v1/users</c>, for admins: the subscription's users, created with a password from the body
/// (held to the password policy and never echoed or audited), their role changed, disabled or
/// deleted. Leaving the subscription without an enabled admin is a 409 saying so.
/// </summary>
public static class UserEndpoints
{
    public static void MapUserApi(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/api/v1/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        users.MapGet("", ListAsync).WithSummary("The subscription's users, optionally of one role.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        users.MapPost("", CreateAsync).WithSummary("Create a user with a user name, password and role.")
            .Produces<UserView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);
        users.MapPatch("/{id:guid}", ChangeAsync).WithSummary("Change a user's role, or disable or enable them.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        users.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Delete a user.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync(int? offset, int? limit, string? role, ControlDbContext db, CancellationToken ct)
    {
        UserRole? wanted = null;
        if (role is not null)
        {
            if (!EnumText.TryParse<UserRole>(role, out var parsed))
            {
                return Problems.Invalid("role", $"one of {EnumText.Names<UserRole>()}");
            }

            wanted = parsed;
        }

        return Results.Ok(await Paging.PageAsync(Listed(db, wanted), offset, limit, UserView.Of, ct).ConfigureAwait(false));
    }

    /// <summary>The subscription's users by name, optionally of one role: the API's list and the console's users page.</summary>
    public static IOrderedQueryable<User> Listed(ControlDbContext db, UserRole? role) =>
        (role is { } wanted ? db.Users.AsNoTracking().Where(u => u.Role == wanted) : db.Users.AsNoTracking()).OrderBy(u => u.NormalizedUsername);

    private static async Task<IResult> CreateAsync(CreateUserRequest? request, HttpContext context, UserActions actions)
    {
        try
        {
            var user = await actions.CreateAsync(context, request ?? new CreateUserRequest(null, null, null)).ConfigureAwait(false);
            return Results.Created($"/api/v1/users/{user.Id}", UserView.Of(user));
        }
        catch (InvalidFieldException refused)
        {
            return Problems.Of(refused);
        }
        catch (SetupException refused)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: refused.Message + ".");
        }
        catch (ConflictException refused)
        {
            return Problems.Of(refused);
        }
    }

    private static async Task<IResult> ChangeAsync(Guid id, ChangeUserRequest? request, HttpContext context, UserActions actions)
    {
        try
        {
            var changed = await actions.ChangeAsync(context, id, request ?? new ChangeUserRequest(null, null)).ConfigureAwait(false);
            return changed is null ? Problems.NotFound("user") : Results.Ok(UserView.Of(changed));
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

    private static async Task<IResult> DeleteAsync(Guid id, HttpContext context, UserActions actions)
    {
        try
        {
            return await actions.RemoveAsync(context, id).ConfigureAwait(false) is null ? Problems.NotFound("user") : Results.NoContent();
        }
        catch (ConflictException refused)
        {
            return Problems.Of(refused);
        }
    }

    public sealed record CreateUserRequest(string? Username, string? Password, string? Role);

    public sealed record ChangeUserRequest(string? Role, bool? Disabled);

    /// <summary>A user as admins see them: never the password hash.</summary>
    public sealed record UserView(Guid Id, string Username, UserRole Role, DateTime CreatedAt, bool Disabled)
    {
        public static UserView Of(User u) => new(u.Id, u.Username, u.Role, u.CreatedAt, u.Disabled);
    }
}
