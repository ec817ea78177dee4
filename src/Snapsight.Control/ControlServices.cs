using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Accounts;
using Snapsight.Control.Assessments;
using Snapsight.Control.Assets;
using Snapsight.Control.Audit;
using Snapsight.Control.Discovery;
using Snapsight.Control.Identity;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;
using Snapsight.Control.Scans;
using Snapsight.Control.Setup;
using Snapsight.Control.Tenancy;
using Snapsight.Control.Tokens;

namespace Snapsight.Control;

/// <summary>Registers the control plane's services on the chosen database.</summary>
public static class ControlServices
{
    public static IServiceCollection AddControlPlane(this IServiceCollection services, ControlSettings settings)
    {
        if (settings.Database.Provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContext<SqliteControlDbContext>(options => options.UseSqlite(settings.Database.ConnectionString));
            services.AddScoped<ControlDbContext>(provider => provider.GetRequiredService<SqliteControlDbContext>());
        }
        else
        {
            services.AddDbContext<PostgresControlDbContext>(options => options.UseNpgsql(settings.Database.ConnectionString));
            services.AddScoped<ControlDbContext>(provider => provider.GetRequiredService<PostgresControlDbContext>());
        }

        services.AddSingleton(settings);
        services.AddSingleton(settings.PasswordHashing);
        services.AddSingleton(settings.SignInLimits);
        services.AddSingleton(settings.SubscriptionTokens);
        services.AddSingleton(_ => SigningKey.LoadOrCreate(settings.SigningKeyFile));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<TenantContext>();
        services.AddScoped<AuditLog>();
        services.AddScoped<SignInService>();
        services.AddScoped<SubscriptionTokenService>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<SubscriptionSetup>();
        services.AddScoped<SubscriptionChanges>();
        services.AddScoped<Licence>();
        services.AddScoped<AssetInventory>();
        services.AddScoped<ScanResults>();
        services.AddScoped<ApiAssessments>();
        services.AddAccounts(settings);
        services.AddDiscovery(settings);
        services.AddScans(settings);
        return services;
    }

    /// <summary>
    /// Brings the database schema up to date: the server does this at every start. SQLite is put in
    /// write-ahead-log mode (it stays so in the file): a commit appends to the log and syncs it once,
    /// where the default rollback journal creates, syncs and deletes a file per transaction, and the
    /// scan workflow commits about a dozen a run (docs/performance.md, Fleet).
    /// </summary>
    public static async Task MigrateAsync(ControlDbContext db, CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL", ct).ConfigureAwait(false);
        }
    }
}
