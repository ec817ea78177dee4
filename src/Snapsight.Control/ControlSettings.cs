using Snapsight.Control.Identity;
using Snapsight.Control.Persistence;
using Snapsight.Control.Tokens;

namespace Snapsight.Control;

/// <summary>Everything the control plane is configured with, decided once at start-up.</summary>
public sealed record ControlSettings(DatabaseSettings Database, string SigningKeyFile)
{
    public const string SigningKeyFileName = "access-token-signing.key";

    public PasswordHashing PasswordHashing { get; init; } = PasswordHashing.Owasp;

    public SignInLimits SignInLimits { get; init; } = new();

    public SubscriptionTokenSettings SubscriptionTokens { get; init; } = new();

    /// <summary>The embedded default: SQLite and the key file in the data folder.</summary>
    public static ControlSettings ForDataDirectory(string dataDirectory, string? postgresConnectionString) =>
        new(DatabaseSettings.Choose(dataDirectory, postgresConnectionString),
            Path.Combine(dataDirectory, SigningKeyFileName));
}
