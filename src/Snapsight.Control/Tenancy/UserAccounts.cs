using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Identity;
using Snapsight.Control.Persistence;
using Snapsight.Control.Setup;

namespace Snapsight.Control.Tenancy;

/// <summary>
/// Creates and changes users: the one place a name and password are checked and the password hashed.
/// Changes that could leave a subscription without an enabled admin run under
/// <see cref="SubscriptionLock"/> and are refused with <see cref="ConflictException"/>, so two admins
/// demoting each other at once cannot both succeed.
/// </summary>
public sealed class UserAccounts(ControlDbContext db, PasswordHasher hasher, TimeProvider clock)
{
    /// <summary>Adds the user to the unit of work; the caller saves. Throws <see cref="SetupException"/> naming what is wrong.</summary>
    public async Task<User> AddAsync(Guid subscription, string username, string password, UserRole role, CancellationToken ct)
    {
        var name = username.Trim();
        if (name.Length is 0 or > ControlLimits.UsernameLength || name.Any(char.IsControl))
        {
            throw new SetupException($"a user name needs 1 to {ControlLimits.UsernameLength} printable characters");
        }

        if (PasswordPolicy.Check(password) is { } weak)
        {
            throw new SetupException(weak);
        }

        // Names are unique across subscriptions, because sign-in names no subscription.
        var normalized = User.Normalize(name);
        if (await db.Users.IgnoreQueryFilters().AnyAsync(u => u.NormalizedUsername == normalized, ct).ConfigureAwait(false))
        {
            throw new SetupException($"the user name '{name}' is taken");
        }

        var user = new User
        {
            Id = Guid.NewGuid(),
            SubscriptionId = subscription,
            Username = name,
            NormalizedUsername = normalized,
            PasswordHash = await hasher.HashAsync(password, ct).ConfigureAwait(false),
            Role = role,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Users.Add(user);
        return user;
    }

    /// <summary>
    /// Changes the role or the disabled flag (null leaves it). <paramref name="audit"/> is told what
    /// changed inside the change's transaction, so an entry it adds is saved with the change. Answers
    /// the user, or null when there is none with that id.
    /// </summary>
    public Task<User?> ChangeAsync(Guid id, UserRole? role, bool? disabled, Action<User, IReadOnlyList<string>> audit,
        CancellationToken ct) =>
        SubscriptionLock.RunAsync(db, async () =>
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct).ConfigureAwait(false);
            if (user is null)
            {
                return null;
            }

            var newRole = role ?? user.Role;
            var newDisabled = disabled ?? user.Disabled;
            if (newRole != UserRole.Admin || newDisabled)
            {
                await RefuseLastAdminAsync(user, newDisabled ? "disable" : "demote", ct).ConfigureAwait(false);
            }

            var changes = new List<string>();
            if (newRole != user.Role)
            {
                changes.Add($"role {user.Role} → {newRole}");
                user.Role = newRole;
            }

            if (newDisabled != user.Disabled)
            {
                changes.Add(newDisabled ? "disabled" : "enabled");
                user.Disabled = newDisabled;
            }

            if (changes.Count > 0)
            {
                audit(user, changes);
            }

            return user;
        }, ct);

    /// <summary>Deletes the user, telling <paramref name="audit"/> inside the transaction; answers the user, or null when not found.</summary>
    public Task<User?> RemoveAsync(Guid id, Action<User> audit, CancellationToken ct) =>
        SubscriptionLock.RunAsync(db, async () =>
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct).ConfigureAwait(false);
            if (user is not null)
            {
                await RefuseLastAdminAsync(user, "delete", ct).ConfigureAwait(false);
                db.Users.Remove(user);
                audit(user);
            }

            return user;
        }, ct);

    private async Task RefuseLastAdminAsync(User user, string verb, CancellationToken ct)
    {
        if (user.Role != UserRole.Admin || user.Disabled)
        {
            return;
        }

        var otherAdmins = await db.Users.CountAsync(u => u.Id != user.Id && u.Role == UserRole.Admin && !u.Disabled, ct).ConfigureAwait(false);
        if (otherAdmins == 0)
        {
            throw new ConflictException(
                $"cannot {verb} '{user.Username}': it is the subscription's last enabled admin, and a subscription needs one to manage its users and tokens");
        }
    }
}
