using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Snapsight.AwsFake.Cloud;
using Snapsight.Cloud;
using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Aws.Ebs.Incremental;
using Snapsight.Cloud.Aws.Sdk;
using Snapsight.Cloud.Aws.Signing;
using Snapsight.Cloud.Provider;
using Snapsight.Control;
using Snapsight.Control.Accounts;
using Snapsight.Control.Assets;
using Snapsight.Control.Identity;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;
using Snapsight.Control.Scans;
using Snapsight.Control.Setup;
using Snapsight.Control.Tenancy;
using Snapsight.Disk.Tests.Support;
using Snapsight.Server.Assessments;
using Snapsight.Server.Scanning;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Scans.Aws;

/// <summary>
/// The scan workflow on the AWS provider against the loopback AWS fake (tests/Snapsight.AwsFake),
/// on SQLite, with the real scanner and result store: one target account whose role is assumed
/// with its external ID (registered without a copy-and-share choice, so read in place, the
/// provider's default), more on request (<see cref="AddTargetAccountAsync"/>), real Debian 12
/// machines, and a block store for incremental rescans. The
/// provider, with the server's registration-backed account directory, is registered before the
/// control services, so it is the workflow's cloud and the API-based assessment's inventory source. The
/// workflow's clock is fake (the driver steps it); the fake's and the provider's are the system's.
/// </summary>
public sealed class AwsScanWorld : IAsyncDisposable
{
    public static readonly CloudScope Target = new("111111111111", "eu-west-1");
    public const string ServiceAccountId = "222222222222";
    private const string ExternalId = "snapsight-external-id-5e1f0c2b9a7d4e63";

    private readonly TempDirectory directory = new();

    private AwsScanWorld()
    {
        Settings = ControlSettings.ForDataDirectory(directory.Path, null) with
        {
            PasswordHashing = new PasswordHashing(1, 64 * 1024),
            Scans = new ScanWorkflowOptions { SnapshotPollInterval = TimeSpan.FromSeconds(1), BaseRetryDelay = TimeSpan.FromSeconds(1) },
        };
    }

    public ControlSettings Settings { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public FakeAwsCloud Cloud { get; private set; } = null!;

    public AwsCloudProvider Provider { get; private set; } = null!;

    /// <summary>The provider as the workflow sees it, recording each copy, share and reader.</summary>
    public AccessModeCloud Observed { get; private set; } = null!;

    public ServiceProvider Services { get; private set; } = null!;

    public Guid SubscriptionId { get; private set; }

    /// <summary>The target as the server acts in it: on behalf of the subscription, which its account directory looks registrations up by.</summary>
    public CloudScope TargetScope => Target with { Subscription = SubscriptionId };

    /// <summary>When set, the scanner scans and then throws, as a scan that fails after reading would.</summary>
    public bool FailScans { get; set; }

    private FakeAwsServer server = null!;

    /// <summary>Wraps the provider as the API inventory source the server assesses from, when a test puts something between them.</summary>
    private Func<IApiInventorySource, IApiInventorySource>? InventorySource { get; init; }

    public static async Task<AwsScanWorld> CreateAsync(Func<IApiInventorySource, IApiInventorySource>? inventorySource = null)
    {
        var world = new AwsScanWorld { InventorySource = inventorySource };
        await world.StartAsync();
        return world;
    }

    /// <summary>
    /// An instance whose single volume is a copy of <paramref name="image"/>, in <paramref name="accountId"/> (the
    /// <see cref="Target"/> by default), recorded and activated as an asset.
    /// </summary>
    public async Task<(FakeInstance Instance, Guid AssetId)> AddInstanceAsync(string image, string name, string? accountId = null)
    {
        accountId ??= Target.AccountId;
        var instance = Cloud.AddInstance(accountId, Target.Region, new Dictionary<string, string> { ["Name"] = name },
            [(image, "/dev/xvda", null)], Clock.GetUtcNow());
        await using var tenant = Tenant();
        var assets = await tenant.ServiceProvider.GetRequiredService<AssetInventory>().RecordAsync(null,
            [new DiscoveredAsset(accountId, Target.Region, instance.Id, AssetState.Running, name, "10.0.0.1")], CancellationToken.None);
        await tenant.ServiceProvider.GetRequiredService<Licence>().ActivateAsync([.. assets.Select(a => a.Id)], ActivationActor.Discovery, CancellationToken.None);
        return (instance, assets.Single(a => a.InstanceId == instance.Id).Id);
    }

    /// <summary>Starts a run of the asset and drives it (completing the fake's snapshots as they are made) to its end.</summary>
    public async Task<ScanRun> ScanAsync(Guid assetId)
    {
        ScanRun run;
        await using (var tenant = Tenant())
        {
            run = (await tenant.ServiceProvider.GetRequiredService<ScanRuns>().StartAsync(assetId, CancellationToken.None))!;
        }

        Assert.True(await WorkflowDriving.DriveAsync(Services.GetRequiredService<ScanDriver>(), Clock, Cloud.CompletePending), "the run did not finish");
        await using var scope = Tenant();
        return await scope.ServiceProvider.GetRequiredService<ControlDbContext>().ScanRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id);
    }

    public async Task<StoredRun> StoredRunAsync(Guid runId)
    {
        await using var tenant = Tenant();
        return await tenant.ServiceProvider.GetRequiredService<ControlDbContext>().StoredRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
    }

    public async Task<SweepReport> SweepAsync() => await Services.GetRequiredService<ScanDriver>().SweepAsync(CancellationToken.None);

    /// <summary>Our snapshots in the target account now, as the fake holds them.</summary>
    public IReadOnlyList<FakeSnapshotRecord> Snapshots() => Cloud.SnapshotsOf(Target.AccountId);

    /// <summary>
    /// Another target account of the subscription, in the target's region: its template's role deployed in the fake
    /// (with the copy key and the copy permissions when <paramref name="copyAndShare"/> is true, as the template's
    /// <c>CopyAndShare</c> parameter makes them), and registered with what its call-back reported.
    /// </summary>
    public async Task AddTargetAccountAsync(string accountId, bool? copyAndShare)
    {
        var externalId = $"{ExternalId}-{accountId}";
        var target = Cloud.AddTargetAccount(accountId, externalId, [Target.Region]);
        if (copyAndShare == true)
        {
            Cloud.AddCopyKey(target, Target.Region);
        }

        await RegisterTargetAsync(accountId, externalId, copyAndShare);
    }

    /// <summary>
    /// Registers the fake's service account (none by default: runs that share are then read by the target itself),
    /// whose scanning role reads shared copies with its own credentials.
    /// </summary>
    public async Task RegisterServiceAccountAsync()
    {
        await using var tenant = Tenant();
        var db = tenant.ServiceProvider.GetRequiredService<ControlDbContext>();
        var now = Clock.GetUtcNow().UtcDateTime;
        var connector = new Connector
        {
            Id = Guid.NewGuid(), SubscriptionId = SubscriptionId, Name = "aws-service", AccountId = ServiceAccountId,
            RoleArn = $"arn:aws:iam::{ServiceAccountId}:role/snapsight/snapsight-service", Regions = [Target.Region],
            ExternalId = $"{ExternalId}-{ServiceAccountId}", CreatedAt = now, UpdatedAt = now,
        };
        db.Connectors.Add(connector);
        db.ServiceAccounts.Add(new ServiceAccount
        {
            Id = Guid.NewGuid(), SubscriptionId = SubscriptionId, ConnectorId = connector.Id, AccountId = ServiceAccountId,
            Regions = [Target.Region], TargetRegions = [Target.Region], State = ValidationState.Registered, CreatedAt = now,
        });
        await db.SaveChangesAsync();
    }

    public AsyncServiceScope Tenant()
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(SubscriptionId);
        return scope;
    }

    /// <summary>
    /// Makes the subscription first (the fake's role accepts only its tag), then the fake and the
    /// provider, then the control plane with the provider as its cloud.
    /// </summary>
    private async Task StartAsync()
    {
        await using (var seed = new ServiceCollection().AddLogging().AddControlPlane(Settings).AddSingleton<TimeProvider>(Clock).BuildServiceProvider())
        {
            await using var scope = seed.CreateAsyncScope();
            await ControlServices.MigrateAsync(scope.ServiceProvider.GetRequiredService<ControlDbContext>(), CancellationToken.None);
            var (subscription, _) = await scope.ServiceProvider.GetRequiredService<SubscriptionSetup>()
                .CreateAsync("aws-" + Guid.NewGuid().ToString("N")[..8], "admin-" + Guid.NewGuid().ToString("N")[..8], TestTenant.Password, CancellationToken.None);
            SubscriptionId = subscription.Id;
        }

        Cloud = new FakeAwsCloud(ServiceAccountId, [Target.Region], SnapshotTags.SubscriptionValue(SubscriptionId.ToString()));
        var target = Cloud.AddTargetAccount(Target.AccountId, ExternalId, [Target.Region]);
        server = new FakeAwsServer(Cloud);
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(provider => new AwsCloudProvider(new AwsCloudOptions
        {
            BaseCredentials = new FixedCredentialSource(Cloud.ScanningKeys),
            // The server's own directory: the target's role and external ID as registered, found by (subscription, account).
            Accounts = provider.GetRequiredService<RegisteredAwsAccounts>(),
            StsRegion = Target.Region,
            Ec2ServiceUrl = server.Endpoint,
            SsmServiceUrl = server.Endpoint,
            StsServiceUrl = server.Endpoint,
            KmsServiceUrl = server.Endpoint,
            Ebs = new EbsDirectOptions { Endpoint = Cloud.Ebs.Endpoint, BaseBackoff = TimeSpan.FromMilliseconds(2), MaxBackoff = TimeSpan.FromMilliseconds(20) },
            // One block at a time: what a scan fetches is then exactly what it reads (read-ahead's reach depends on timing).
            ReadAheadBlocks = 0,
            BlockStore = new EbsBlockStoreOptions { Directory = directory.File("block-store") },
        }));
        services.AddSingleton(provider => new AccessModeCloud(provider.GetRequiredService<AwsCloudProvider>(), provider.GetRequiredService<AwsCloudProvider>().SnapshotAccess));
        services.AddSingleton<ICloudProvider>(provider => provider.GetRequiredService<AccessModeCloud>());
        services.AddSingleton<IApiInventorySource>(provider => InventorySource?.Invoke(provider.GetRequiredService<AwsCloudProvider>())
            ?? provider.GetRequiredService<AwsCloudProvider>());
        services.AddControlPlane(Settings);
        services.AddSingleton<TimeProvider>(Clock);
        var scanning = new SnapshotScanSettings(directory.File("no-advisories.db")) { ComplianceProfile = null };
        services.AddSingleton(scanning);
        services.AddApiAssessments(scanning);
        services.AddSingleton<SnapshotScanExecutor>();
        services.AddSingleton<IScanExecutor>(sp => new SwitchedExecutor(sp.GetRequiredService<SnapshotScanExecutor>(), () => FailScans));
        services.AddScoped<IScanResultSink, ScanResultStore>();
        Services = services.BuildServiceProvider();
        Provider = Services.GetRequiredService<AwsCloudProvider>();
        Observed = Services.GetRequiredService<AccessModeCloud>();
        await Services.GetRequiredService<ApiAssessmentQueue>().StartAsync(CancellationToken.None);
        await RegisterTargetAsync(Target.AccountId, ExternalId, copyAndShare: null);
    }

    private async Task RegisterTargetAsync(string accountId, string externalId, bool? copyAndShare)
    {
        await using var tenant = Tenant();
        var db = tenant.ServiceProvider.GetRequiredService<ControlDbContext>();
        var now = Clock.GetUtcNow().UtcDateTime;
        var roleArn = $"arn:aws:iam::{accountId}:role/snapsight/snapsight-target";
        var connector = new Connector
        {
            Id = Guid.NewGuid(), SubscriptionId = SubscriptionId, Name = "aws-" + accountId, RoleArn = roleArn, AccountId = accountId,
            Regions = [Target.Region], ExternalId = externalId, CreatedAt = now, UpdatedAt = now,
        };
        db.Connectors.Add(connector);
        db.TargetAccounts.Add(new TargetAccount
        {
            Id = Guid.NewGuid(), SubscriptionId = SubscriptionId, ConnectorId = connector.Id, AccountId = accountId,
            RoleArn = roleArn, Regions = [Target.Region], State = ValidationState.Registered, CreatedAt = now, CopyAndShare = copyAndShare,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Waits until the API-based assessments the scans queued have all run.</summary>
    public async Task ApiAssessmentsSettledAsync()
    {
        var queue = Services.GetRequiredService<ApiAssessmentQueue>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!queue.Settled)
        {
            Assert.True(DateTime.UtcNow < deadline, "the queued API-based assessments did not settle");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Services.GetRequiredService<ApiAssessmentQueue>().StopAsync(CancellationToken.None);
        await Services.DisposeAsync();
        server.Dispose();
        Cloud.Dispose();
        directory.Dispose();
    }

    /// <summary>The real scanner, made to fail after its scan when the world says so.</summary>
    private sealed class SwitchedExecutor(IScanExecutor inner, Func<bool> fail) : IScanExecutor
    {
        public async Task<ScanOutput> ScanAsync(ScanRequest request, CancellationToken cancellationToken)
        {
            var output = await inner.ScanAsync(request, cancellationToken);
            return fail() ? throw new InvalidDataException("the scan failed (injected by the test)") : output;
        }
    }
}
