using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Snapsight.Cloud.Local;
using Snapsight.Cloud.Provider;
using Snapsight.Control;
using Snapsight.Control.Accounts;
using Snapsight.Control.Assets;
using Snapsight.Control.Identity;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;
using Snapsight.Control.Setup;
using Snapsight.Control.Tenancy;
using Snapsight.Disk.Tests.Support;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// A control plane without HTTP on a real database (SQLite or PostgreSQL) and a real local cloud: a
/// target account with instances whose volumes are raw images, a separate service account, one
/// subscription with both registered and every instance an activated asset. The engine (services,
/// database contexts, provider) can be thrown away and started again on the same database and
/// cloud root, as a restarted process would; the clock, the result store and the counts survive.
/// </summary>
public sealed class ScanWorld : IAsyncDisposable
{
    public static readonly CloudScope Target = new("111111111111", "eu-west-1");
    public static readonly CloudScope ServiceScope = new("222222222222", "eu-west-1");
    private const int VolumeBytes = 1 << 20;

    private readonly TempDirectory directory = new();
    private readonly string? postgres;

    private ScanWorld(DatabaseProvider database, WorldOptions options)
    {
        Options = options;
        postgres = database == DatabaseProvider.PostgreSql ? TestDatabases.CreatePostgresDatabase() : null;
        Settings = ControlSettings.ForDataDirectory(directory.Path, postgres) with
        {
            // Sign-in is not exercised here: the cheapest hashing keeps set-up quick.
            PasswordHashing = new PasswordHashing(1, 64 * 1024),
            Scans = options.Workflow,
        };
        Services = null!;
    }

    public WorldOptions Options { get; }

    public ControlSettings Settings { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public RecordingResultSink Sink { get; } = new();

    public CloudCounts Counts { get; } = new();

    public ServiceProvider Services { get; private set; }

    public LocalLayout Layout => new(Settings.LocalCloudDirectory);

    public Guid SubscriptionId { get; private set; }

    /// <summary>The instances in the order made: their ids, assets, and their volumes' SHA-256 read straight from the image files.</summary>
    public List<(string InstanceId, Guid AssetId, IReadOnlyList<string> Sha256)> Instances { get; } = [];

    public static async Task<ScanWorld> CreateAsync(DatabaseProvider database, WorldOptions? options = null)
    {
        var world = new ScanWorld(database, options ?? new WorldOptions());
        world.Start();
        await world.SeedAsync();
        return world;
    }

    /// <summary>Starts an engine: fresh services, database contexts and provider on the same database and cloud root.</summary>
    public void Start(CrashPlan? crash = null, IScanExecutor? executor = null)
    {
        var local = new LocalCloudProvider(new LocalCloudOptions
        {
            Root = Settings.LocalCloudDirectory,
            TimeProvider = Clock,
            CompletionDelay = Options.CompletionDelay,
            Faults = Options.Faults,
        });
        var services = new ServiceCollection().AddLogging().AddControlPlane(Settings);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(local);
        var observed = new ObservedCloud(local, Counts, crash);
        services.AddSingleton(Options.WrapCloud?.Invoke(observed) ?? observed);
        if (executor is null)
        {
            services.AddSingleton<IScanExecutor, HashingScanExecutor>();
        }
        else
        {
            services.AddSingleton(executor);
        }

        IScanResultSink sink = crash is null ? Sink : new CrashingSink(Sink, crash);
        services.AddSingleton(Options.WrapSink?.Invoke(sink) ?? sink);
        Services = services.BuildServiceProvider();
    }

    /// <summary>Throws the engine away, as a killed process loses it, and starts another.</summary>
    public async Task RestartAsync(CrashPlan? crash = null)
    {
        await Services.DisposeAsync();
        Start(crash);
    }

    /// <summary>Starts again with another scanner.</summary>
    public async Task RestartWithExecutorAsync(IScanExecutor executor)
    {
        await Services.DisposeAsync();
        Start(executor: executor);
    }

    /// <summary>A scope acting for the world's subscription.</summary>
    public AsyncServiceScope Tenant()
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(SubscriptionId);
        return scope;
    }

    public async Task<ScanRun> StartRunAsync(Guid assetId)
    {
        await using var scope = Tenant();
        return (await scope.ServiceProvider.GetRequiredService<ScanRuns>().StartAsync(assetId, CancellationToken.None))!;
    }

    /// <summary>
    /// Drives every run until none is unfinished, stepping the fake clock to the next due time
    /// whenever nothing is due; false when the runs did not finish within <paramref name="maxPasses"/>
    /// or the engine died (a crash plan fired).
    /// </summary>
    public Task<bool> DriveAsync(CrashPlan? crash = null, int maxPasses = 500) =>
        WorkflowDriving.DriveAsync(Services.GetRequiredService<ScanDriver>(), Clock, dead: () => crash is { Crashed: true }, maxPasses: maxPasses);

    public async Task<List<ScanRun>> RunsAsync()
    {
        await using var scope = Tenant();
        return await scope.ServiceProvider.GetRequiredService<ControlDbContext>().ScanRuns.AsNoTracking().OrderBy(r => r.CreatedAt).ToListAsync();
    }

    /// <summary>Every snapshot in the whole local cloud, counted on disk (not through the provider).</summary>
    public int SnapshotsOnDisk() => LocalSnapshots.OnDisk(Layout);

    private async Task SeedAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            await ControlServices.MigrateAsync(scope.ServiceProvider.GetRequiredService<ControlDbContext>(), CancellationToken.None);
            var (subscription, _) = await scope.ServiceProvider.GetRequiredService<SubscriptionSetup>()
                .CreateAsync("scans-" + Guid.NewGuid().ToString("N")[..8], "admin-" + Guid.NewGuid().ToString("N")[..8], TestTenant.Password, CancellationToken.None);
            SubscriptionId = subscription.Id;
        }

        await using var tenant = Tenant();
        var db = tenant.ServiceProvider.GetRequiredService<ControlDbContext>();
        var now = Clock.GetUtcNow().UtcDateTime;
        var targetConnector = Register(db, Target.AccountId, now);
        db.TargetAccounts.Add(new TargetAccount
        {
            Id = Guid.NewGuid(), SubscriptionId = SubscriptionId, ConnectorId = targetConnector, AccountId = Target.AccountId,
            RoleArn = RoleArn(Target.AccountId), Regions = [Target.Region], State = ValidationState.Registered, CreatedAt = now,
        });
        if (Options.SeparateServiceAccount)
        {
            db.ServiceAccounts.Add(new ServiceAccount
            {
                Id = Guid.NewGuid(), SubscriptionId = SubscriptionId, ConnectorId = Register(db, ServiceScope.AccountId, now),
                AccountId = ServiceScope.AccountId, Regions = [ServiceScope.Region], State = ValidationState.Registered, CreatedAt = now,
                ExclusionTags = ["snapsight:exclude=true"],
            });
        }

        await db.SaveChangesAsync();
        await AddInstancesAsync(tenant);
    }

    private Guid Register(ControlDbContext db, string accountId, DateTime now)
    {
        var connector = new Connector
        {
            Id = Guid.NewGuid(), SubscriptionId = SubscriptionId, Name = "connector-" + accountId, RoleArn = RoleArn(accountId),
            AccountId = accountId, Regions = [Target.Region], ExternalId = "external-" + accountId, CreatedAt = now, UpdatedAt = now,
        };
        db.Connectors.Add(connector);
        return connector.Id;
    }

    private static string RoleArn(string accountId) => $"arn:aws:iam::{accountId}:role/snapsight/SnapsightTarget";

    private async Task AddInstancesAsync(AsyncServiceScope tenant)
    {
        var builder = new LocalFleetBuilder(Settings.LocalCloudDirectory);
        builder.AddRegion(Target);
        builder.AddRegion(ServiceScope);
        var discovered = new List<DiscoveredAsset>();
        var random = new Random(Options.Seed);
        foreach (var (volumes, number) in Options.VolumesPerInstance.Select((v, i) => (v, i + 1)))
        {
            var images = Enumerable.Range(0, volumes).Select(v => VolumeImage(random, $"i{number}-v{v}.img")).ToList();
            var (instanceId, _) = await builder.AddInstanceAsync(new LocalInstanceSpec
            {
                Scope = Target,
                LaunchTime = Clock.GetUtcNow(),
                Tags = Options.TagsOf(number),
                Volumes = [.. images.Select((image, v) => new LocalVolumeSpec(image, $"/dev/xvd{(char)('a' + v)}")
                {
                    EncryptionKeyId = Options.Encrypted ? "arn:aws:kms:eu-west-1:111111111111:key/test" : null,
                })],
            }, CancellationToken.None);
            Instances.Add((instanceId, Guid.Empty, [.. images.Select(Sha256Of)]));
            discovered.Add(new DiscoveredAsset(Target.AccountId, Target.Region, instanceId, AssetState.Running, $"host-{number}", $"10.0.0.{number}"));
        }

        var assets = await tenant.ServiceProvider.GetRequiredService<AssetInventory>().RecordAsync(null, discovered, CancellationToken.None);
        await tenant.ServiceProvider.GetRequiredService<Licence>().ActivateAsync([.. assets.Select(a => a.Id)], ActivationActor.Discovery, CancellationToken.None);
        for (var i = 0; i < Instances.Count; i++)
        {
            Instances[i] = Instances[i] with { AssetId = assets.Single(a => a.InstanceId == Instances[i].InstanceId).Id };
        }
    }

    /// <summary>A sparse raw image: zeros at the start (so no image format's magic can match), random data in two places.</summary>
    private string VolumeImage(Random random, string name)
    {
        var path = directory.File(name);
        using var file = File.Create(path);
        file.SetLength(VolumeBytes);
        foreach (var offset in new[] { 64 << 10, 512 << 10 })
        {
            var data = new byte[16 << 10];
            random.NextBytes(data);
            file.Position = offset;
            file.Write(data);
        }

        return path;
    }

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (postgres is not null)
        {
            TestDatabases.DropPostgresDatabase(postgres);
        }

        directory.Dispose();
    }
}
