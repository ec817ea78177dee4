namespace Snapsight.Control.Tenancy;

/// <summary>A person who signs in. User names are unique across subscriptions: sign-in names no subscription.</summary>
public sealed class User : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    /// <summary>As typed at creation; sign-in compares <see cref="NormalizedUsername"/>.</summary>
    public required string Username { get; set; }

    public required string NormalizedUsername { get; set; }

    /// <summary>Argon2id in its encoded (PHC) form, parameters and salt included.</summary>
    public required string PasswordHash { get; set; }

    public UserRole Role { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>A disabled user's access tokens stop working at their next request.</summary>
    public bool Disabled { get; set; }

    public static string Normalize(string username) => username.Trim().ToUpperInvariant();
}
