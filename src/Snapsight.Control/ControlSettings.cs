using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Snapsight.Cloud.Accounts;
using Snapsight.Cloud.Aws.Sdk;
using Snapsight.Cloud.Local;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Accounts;
using Snapsight.Control.Discovery;
using Snapsight.Control.Identity;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;
using Snapsight.Control.Tokens;

namespace Snapsight.Control;

/// <summary>Everything the control plane is configured with, decided once at start-up.</summary>
public sealed record ControlSettings(DatabaseSettings Database, string SigningKeyFile)
{
    public const string SigningKeyFileName = "access-token-signing.key";
    public const string LocalCloudDirectoryName = "cloud";

    public PasswordHashing PasswordHashing { get; init; } = PasswordHashing.Owasp;

    public SignInLimits SignInLimits { get; init; } = new();

    public SubscriptionTokenSettings SubscriptionTokens { get; init; } = new();

    public DiscoverySettings Discovery { get; init; } = new();

    /// <summary>How the scan workflow paces itself, and whether the server runs it.</summary>
    public ScanWorkflowOptions Scans { get; init; } = new();

    /// <summary>The local cloud's root (holding <c>accounts/</c>) that account registrations are validated against.</summary>
    public required string LocalCloudDirectory { get; init; }

    /// <summary>How long the local cloud's snapshots stay pending (EBS takes minutes; the local copy is instant).</summary>
    public TimeSpan LocalSnapshotCompletion { get; init; } = new LocalCloudOptions { Root = "." }.CompletionDelay;

    /// <summary>The AWS cloud the server works in, acting in the registered accounts; null for the local cloud in the data folder.</summary>
    public AwsSettings? Aws { get; init; }

    /// <summary>
    /// The cloud every background service uses unless one is registered before, and what validates
    /// registrations against it: AWS when <see cref="Aws"/> is set, else the local one in the data folder.
    /// </summary>
    internal void AddCloud(IServiceCollection services)
    {
        if (Aws is { } aws)
        {
            services.TryAddSingleton(provider => new AwsCloudProvider(
                aws.Options(provider.GetRequiredService<RegisteredAwsAccounts>(), provider.GetRequiredService<TimeProvider>())));
            services.TryAddSingleton<ICloudProvider>(provider => provider.GetRequiredService<AwsCloudProvider>());
            services.TryAddSingleton<IApiInventorySource>(provider => provider.GetRequiredService<AwsCloudProvider>());
            services.TryAddSingleton<IAccountAccess>(provider => new AwsAccountAccess(provider.GetRequiredService<AwsCloudProvider>()));
            return;
        }

        services.TryAddSingleton<ICloudProvider>(provider => new LocalCloudProvider(new LocalCloudOptions
        {
            Root = LocalCloudDirectory,
            TimeProvider = provider.GetRequiredService<TimeProvider>(),
            CompletionDelay = LocalSnapshotCompletion,
        }));
        services.TryAddSingleton<IAccountAccess>(new LocalAccountAccess(LocalCloudDirectory));
    }

    /// <summary>The embedded default: SQLite and the key file in the data folder.</summary>
    public static ControlSettings ForDataDirectory(string dataDirectory, string? postgresConnectionString) =>
        new(DatabaseSettings.Choose(dataDirectory, postgresConnectionString),
            Path.Combine(dataDirectory, SigningKeyFileName))
        {
            LocalCloudDirectory = Path.Combine(dataDirectory, LocalCloudDirectoryName),
        };
}
