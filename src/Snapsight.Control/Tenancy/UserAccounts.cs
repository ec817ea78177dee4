using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Identity;
using Snapsight.Control.Persistence;
using Snapsight.Control.Setup;

namespace Snapsight.Control.Tenancy;

/// <summary>Creates users: the one place a name and password are checked and the password hashed.</summary>
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
}
