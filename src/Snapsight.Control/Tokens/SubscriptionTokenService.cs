using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Snapsight.Control.Persistence;

namespace Snapsight.Control.Tokens;

/// <summary>
/// Issues, finds and revokes subscription tokens. A value is "sst_" and 256 random bits in base64url;
/// the database keeps its SHA-256 only, which is enough to find it again (a fast hash is right here:
/// the value has full entropy, unlike a password).
/// </summary>
public sealed class SubscriptionTokenService(ControlDbContext db, SubscriptionTokenSettings settings, TimeProvider clock)
{
    public const string Prefix = "sst_";
    private const int RandomBytes = 32;

    /// <summary>Largest value ever issued; anything longer is not one of ours and is not hashed.</summary>
    private const int MaxValueLength = 64;

    public IssuedSubscriptionToken Issue(Guid subscription, Guid issuedBy, long requestedSeconds)
    {
        var requested = TimeSpan.FromSeconds(Math.Clamp(requestedSeconds, 0, (long)TimeSpan.MaxValue.TotalSeconds / 2));
        var lifetime = requested > settings.MaxLifetime ? settings.MaxLifetime : requested;
        var value = Prefix + Base64Url(RandomNumberGenerator.GetBytes(RandomBytes));
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new SubscriptionToken
        {
            Id = Guid.NewGuid(),
            SubscriptionId = subscription,
            ValueHash = Hash(value),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
            CreatedBy = issuedBy,
        };
        db.SubscriptionTokens.Add(token);
        return new IssuedSubscriptionToken(token, value, lifetime < requested);
    }

    /// <summary>The token a presented value stands for when it is usable now, else null.</summary>
    public async Task<SubscriptionToken?> FindUsableAsync(string value, CancellationToken ct)
    {
        if (!value.StartsWith(Prefix, StringComparison.Ordinal) || value.Length > MaxValueLength)
        {
            return null;
        }

        var hash = Hash(value);
        // Presenting the token is what names the subscription: the look-up precedes any tenant.
        var token = await db.SubscriptionTokens.IgnoreQueryFilters()
            .SingleOrDefaultAsync(t => t.ValueHash == hash, ct).ConfigureAwait(false);
        return token is not null && token.IsUsableAt(clock.GetUtcNow().UtcDateTime) ? token : null;
    }

    public static bool LooksLikeToken(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
