using Microsoft.AspNetCore.Http;
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
/// Creating, changing and deleting users for the signed-in admin, each audited: the API's endpoints and the console's
/// users page both go through here, so the two refuse the same input and write the same audit entries. Refusals are
/// thrown: <see cref="InvalidFieldException"/> for a missing or unknown field, <see cref="SetupException"/> for a name or
/// password <see cref="UserAccounts"/> refuses, <see cref="ConflictException"/> for a taken name or the last enabled admin.
/// </summary>
public sealed class UserActions(UserAccounts accounts, AuditLog audit, ControlDbContext db)
{
    public async Task<User> CreateAsync(HttpContext context, UserEndpoints.CreateUserRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var username = request.Username ?? throw new InvalidFieldException("username", "required");
        var password = request.Password ?? throw new InvalidFieldException("password", "required");
        var role = Role(request.Role) ?? throw new InvalidFieldException("role", $"one of {EnumText.Names<UserRole>()}");
        var user = await accounts.AddAsync(RequestActor.SubscriptionId(context), username, password, role, context.RequestAborted)
            .ConfigureAwait(false);
        audit.Record(RequestActor.Name(context), AuditActions.UserCreate, user.Username, true, user.SubscriptionId,
            RequestActor.Client(context), $"role {user.Role}");
        try
        {
            await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // The name was free when checked and taken by a parallel request since; the unique index decided.
            throw new ConflictException($"the user name '{user.Username}' is taken");
        }

        return user;
    }

    /// <summary>Changes the role or the disabled flag (null leaves it); null when there is no such user.</summary>
    public Task<User?> ChangeAsync(HttpContext context, Guid id, UserEndpoints.ChangeUserRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        UserRole? role = request.Role is null
            ? null
            : Role(request.Role) ?? throw new InvalidFieldException("role", $"one of {EnumText.Names<UserRole>()}");
        // The audit entry joins the change's transaction, so both are saved or neither.
        return accounts.ChangeAsync(id, role, request.Disabled, (user, changes) =>
            audit.Record(RequestActor.Name(context), AuditActions.UserChange, user.Username, true, user.SubscriptionId,
                RequestActor.Client(context), string.Join("; ", changes)), context.RequestAborted);
    }

    /// <summary>Deletes the user; null when there is no such user.</summary>
    public Task<User?> RemoveAsync(HttpContext context, Guid id)
    {
        ArgumentNullException.ThrowIfNull(context);
        return accounts.RemoveAsync(id, user =>
            audit.Record(RequestActor.Name(context), AuditActions.UserDelete, user.Username, true, user.SubscriptionId,
                RequestActor.Client(context)), context.RequestAborted);
    }

    private static UserRole? Role(string? text) => EnumText.TryParse<UserRole>(text, out var role) ? role : null;
}
