using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Cloud;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;
using Snapsight.Disk.Tests.Support;
using Snapsight.Server.Tests.Scans.Aws;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// The three ways a run's snapshots are read: shared with the service account and read as it; read
/// in place as the target account with nothing shared; or copied once the set is complete and only
/// the copies shared and read. In each the volumes are read whole and nothing is left, copies included.
/// The mode is the account's (its template's CopyAndShare, else the server's default), fixed for a run when planned.
/// </summary>
public sealed class SnapshotAccessTests
{
    private static readonly FixtureScript DebianImages = new("build-debian-images");

    [Theory]
    [InlineData(SnapshotAccess.ShareToServiceAccount)]
    [InlineData(SnapshotAccess.ReadInPlace)]
    [InlineData(SnapshotAccess.CopyAndShareToServiceAccount)]
    public async Task Each_mode_shares_only_when_it_must_and_reads_as_the_account_it_names(SnapshotAccess access)
    {
        AccessModeCloud? cloud = null;
        var defaults = new WorldOptions();
        var options = new WorldOptions
        {
            CompletionDelay = TimeSpan.Zero,
            WrapCloud = inner => cloud = new AccessModeCloud(inner, access),
            Workflow = defaults.Workflow with { StepsInARow = 20 },
        };
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, options);
        await world.StartRunAsync(world.Instances[0].AssetId);

        // One pass takes every step; read in place goes from the completed set straight to Scanning,
        // past SnapshotsCompleted and Shared, so two steps fewer (see the state diagram); copy and
        // share takes one step more, copying the completed set and awaiting the copies.
        var steps = await world.Services.GetRequiredService<ScanDriver>().DriveDueAsync(CancellationToken.None);
        Assert.Equal(access switch { SnapshotAccess.ReadInPlace => 6, SnapshotAccess.ShareToServiceAccount => 8, _ => 9 }, steps);

        var run = Assert.Single(await world.RunsAsync());
        Assert.Equal(ScanRunState.Done, run.State);
        Assert.Equal(world.Instances[0].Sha256, ((VolumeHashes)world.Sink.Results[run.Id].Output.Result).Sha256);
        Assert.Equal(0, world.SnapshotsOnDisk());
        Assert.NotNull(cloud);
        if (access == SnapshotAccess.ReadInPlace)
        {
            Assert.Empty(cloud.Shares);
            Assert.All(cloud.Readers, reader => Assert.Equal(ScanWorld.Target with { Subscription = world.SubscriptionId }, reader));
        }
        else
        {
            Assert.Equal(run.SnapshotIds.Order(StringComparer.Ordinal), cloud.Shares.Select(s => s.SnapshotId).Order(StringComparer.Ordinal));
            Assert.All(cloud.Shares, share => Assert.Equal((ScanWorld.Target with { Subscription = world.SubscriptionId }, ScanWorld.ServiceScope.AccountId),
                (share.Owner, share.AccountId)));
            Assert.All(cloud.Readers, reader => Assert.Equal(ScanWorld.ServiceScope with { Subscription = world.SubscriptionId }, reader));
        }

        Assert.Equal(run.SnapshotIds.Count, cloud.Readers.Count);
        if (access == SnapshotAccess.CopyAndShareToServiceAccount)
        {
            // What was shared and read are the copies, one per snapshot of the set, each tagged with its source.
            Assert.Equal(run.SnapshotIds.Order(StringComparer.Ordinal), cloud.Copies.Select(c => c.Copy.Id).Order(StringComparer.Ordinal));
            Assert.Equal(run.VolumeIds.Count, cloud.Copies.Select(c => c.SourceId).Distinct().Count());
            Assert.All(cloud.Copies, c => Assert.Equal(c.SourceId, c.Copy.Tags[Cloud.SnapshotTags.CopyOf]));
            Assert.DoesNotContain(cloud.Copies, c => run.SnapshotIds.Contains(c.SourceId));
        }
        else
        {
            Assert.Empty(cloud.Copies);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_run_keeps_the_access_it_was_planned_with_when_the_template_and_the_server_s_default_change_mid_run(bool copyAndShare)
    {
        var planned = copyAndShare ? SnapshotAccess.CopyAndShareToServiceAccount : SnapshotAccess.ReadInPlace;
        var other = copyAndShare ? SnapshotAccess.ReadInPlace : SnapshotAccess.CopyAndShareToServiceAccount;
        // The server's default as the next engine to start reads it; the account's template decides first.
        var serverDefault = other;
        var clouds = new ConcurrentBag<AccessModeCloud>();
        var defaults = new WorldOptions();
        var options = new WorldOptions
        {
            CompletionDelay = TimeSpan.Zero,
            WrapCloud = inner =>
            {
                var cloud = new AccessModeCloud(inner, serverDefault);
                clouds.Add(cloud);
                return cloud;
            },
            Workflow = defaults.Workflow with { StepsInARow = 1 },
        };
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, options);
        await SetCopyAndShareAsync(world, copyAndShare);
        await world.StartRunAsync(world.Instances[0].AssetId);
        var driver = world.Services.GetRequiredService<ScanDriver>();
        for (var pass = 0; pass < 10 && (await world.RunsAsync())[0].SnapshotIds.Count == 0; pass++)
        {
            await driver.DriveDueAsync(CancellationToken.None);
        }

        var made = Assert.Single(await world.RunsAsync());
        Assert.Equal((ScanRunState.SnapshotsRequested, planned), (made.State, made.SnapshotAccess));
        Assert.NotEmpty(made.SnapshotIds);

        // The set is complete, not yet copied nor read: the template is updated to the other mode and the server
        // restarts with the other default. Either way the run goes on as planned.
        await SetCopyAndShareAsync(world, !copyAndShare);
        serverDefault = planned;
        await world.RestartAsync();
        Assert.True(await world.DriveAsync());

        var run = Assert.Single(await world.RunsAsync());
        Assert.Equal((ScanRunState.Done, planned), (run.State, run.SnapshotAccess));
        Assert.Equal(world.Instances[0].Sha256, ((VolumeHashes)world.Sink.Results[run.Id].Output.Result).Sha256);
        Assert.Equal(0, world.SnapshotsOnDisk()); // sources and copies alike
        var copies = clouds.SelectMany(c => c.Copies).ToList();
        var shares = clouds.SelectMany(c => c.Shares).ToList();
        var readers = clouds.SelectMany(c => c.Readers).ToList();
        Assert.Equal(run.SnapshotIds.Count, readers.Count);
        if (copyAndShare)
        {
            Assert.Equal(run.SnapshotIds.Order(StringComparer.Ordinal), copies.Select(c => c.Copy.Id).Order(StringComparer.Ordinal));
            Assert.Equal(run.SnapshotIds.Order(StringComparer.Ordinal), shares.Select(s => s.SnapshotId).Order(StringComparer.Ordinal));
            Assert.All(readers, reader => Assert.Equal(ScanWorld.ServiceScope with { Subscription = world.SubscriptionId }, reader));
        }
        else
        {
            Assert.Empty(copies);
            Assert.Empty(shares);
            Assert.All(readers, reader => Assert.Equal(ScanWorld.Target with { Subscription = world.SubscriptionId }, reader));
        }

        // The next run of the account takes its template's new mode.
        var next = await world.StartRunAsync(world.Instances[1].AssetId);
        Assert.True(await world.DriveAsync());
        Assert.Equal((ScanRunState.Done, other), (await world.RunsAsync()).Where(r => r.Id == next.Id).Select(r => (r.State, r.SnapshotAccess)).Single());
        Assert.Equal(0, world.SnapshotsOnDisk());
    }

    [Fact]
    public async Task Two_accounts_of_one_subscription_on_aws_are_each_read_as_their_template_says_leaving_only_the_kept_snapshot_of_reading_in_place()
    {
        const string copying = "333333333333";
        await using var world = await AwsScanWorld.CreateAsync();
        // The world's own target registered without a choice (read in place, the provider's default); this one with CopyAndShare=true.
        await world.AddTargetAccountAsync(copying, copyAndShare: true);
        await world.RegisterServiceAccountAsync();
        var image = Path.Combine(DebianImages.Folder, "root-ext4.img");
        var (_, inPlaceAsset) = await world.AddInstanceAsync(image, "in-place");
        var (_, copiedAsset) = await world.AddInstanceAsync(image, "copied", copying);

        var inPlace = await world.ScanAsync(inPlaceAsset);
        var copied = await world.ScanAsync(copiedAsset);
        var recopied = await world.ScanAsync(copiedAsset);

        Assert.Equal((ScanRunState.Done, SnapshotAccess.ReadInPlace), (inPlace.State, inPlace.SnapshotAccess));
        Assert.All([copied, recopied], run => Assert.Equal((ScanRunState.Done, SnapshotAccess.CopyAndShareToServiceAccount), (run.State, run.SnapshotAccess)));
        // One image, so one package list, whichever way it was read.
        var packages = (await world.StoredRunAsync(inPlace.Id)).PackageCount;
        Assert.True(packages > 10, $"{packages} packages found");
        Assert.Equal(packages, (await world.StoredRunAsync(copied.Id)).PackageCount);

        // Copies were made only where the template asked for copy-and-share (the fake refuses any copy elsewhere):
        // each copying run read copies, and after two of them neither copies nor sources are left, as copies are
        // never kept. Reading in place keeps its scanned snapshot for the next rescan, and nothing else.
        var copies = world.Observed.Copies.ToList();
        Assert.Equal(copied.SnapshotIds.Concat(recopied.SnapshotIds).Order(StringComparer.Ordinal), copies.Select(c => c.Copy.Id).Order(StringComparer.Ordinal));
        Assert.All(copies, c => Assert.Equal(copying, c.Copy.OwnerAccountId));
        Assert.Equal(copies.Select(c => c.Copy.Id).Order(StringComparer.Ordinal), world.Observed.Shares.Select(s => s.SnapshotId).Order(StringComparer.Ordinal));
        Assert.Equal(
            [.. Enumerable.Repeat(AwsScanWorld.Target with { Subscription = world.SubscriptionId }, inPlace.SnapshotIds.Count),
             .. Enumerable.Repeat(new CloudScope(AwsScanWorld.ServiceAccountId, AwsScanWorld.Target.Region) { Subscription = world.SubscriptionId }, copies.Count)],
            world.Observed.Readers.OrderBy(r => r.AccountId, StringComparer.Ordinal));
        Assert.Empty(world.Cloud.SnapshotsOf(copying));
        var keptInPlace = Assert.Single(world.Snapshots());
        Assert.Equal(inPlace.SnapshotIds, [keptInPlace.Id]);
        Assert.Null(keptInPlace.CopiedFrom);
        Assert.Equal(SnapshotTags.KeptValue, keptInPlace.Tags[SnapshotTags.Kept]);
        Assert.Empty(world.Cloud.Denials);
    }

    private static async Task SetCopyAndShareAsync(ScanWorld world, bool? copyAndShare)
    {
        await using var scope = world.Tenant();
        var db = scope.ServiceProvider.GetRequiredService<ControlDbContext>();
        (await db.TargetAccounts.SingleAsync(a => a.AccountId == ScanWorld.Target.AccountId)).CopyAndShare = copyAndShare;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Copy_and_share_makes_one_copy_per_snapshot_and_leaves_nothing_whatever_the_crashes()
    {
        // A crash right after each of the first cloud calls in turn, the copies among them, before the step is saved.
        for (var point = 1; point <= 24; point++)
        {
            var clouds = new ConcurrentBag<AccessModeCloud>();
            var options = new WorldOptions
            {
                CompletionDelay = TimeSpan.Zero,
                WrapCloud = inner =>
                {
                    var cloud = new AccessModeCloud(inner, SnapshotAccess.CopyAndShareToServiceAccount);
                    clouds.Add(cloud);
                    return cloud;
                },
            };
            await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, options);
            await world.StartRunAsync(world.Instances[0].AssetId);
            var crash = new CrashPlan(point);
            await world.RestartAsync(crash);
            await world.DriveAsync(crash);
            await world.RestartAsync();
            Assert.True(await world.DriveAsync(), $"crash after call {point}: the run did not finish");

            var run = Assert.Single(await world.RunsAsync());
            Assert.True(run.State == ScanRunState.Done, $"crash after call {point}: run is {run.State} ({run.ReasonCode}: {run.LastError})");
            Assert.Equal(world.Instances[0].Sha256, ((VolumeHashes)world.Sink.Results[run.Id].Output.Result).Sha256);
            var copies = clouds.SelectMany(c => c.Copies).GroupBy(c => c.SourceId).ToList();
            Assert.Equal(run.VolumeIds.Count, copies.Count);
            Assert.All(copies, g => Assert.Single(g.Select(c => c.Copy.Id).Distinct()));
            Assert.Equal(1, world.Counts.SetsPerRun.GetValueOrDefault(run.Id));
            Assert.True(world.SnapshotsOnDisk() == 0, $"crash after call {point}: {world.SnapshotsOnDisk()} snapshots left");
        }
    }

    [Fact]
    public async Task A_copy_key_that_refuses_the_copy_fails_the_run_naming_the_key_and_leaves_neither_sources_nor_copies()
    {
        const string key = "arn:aws:kms:eu-west-1:111111111111:key/5c0fe2d1-8a3b-4e6f-9d2c-7b1a0e4f6c83";
        var options = new WorldOptions { VolumesPerInstance = [2], CompletionDelay = TimeSpan.Zero, WrapCloud = cloud => new CopyKeyDeniedCloud(cloud, key) };
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, options);
        await world.StartRunAsync(world.Instances[0].AssetId);

        Assert.True(await world.DriveAsync());

        var run = Assert.Single(await world.RunsAsync());
        Assert.Equal((ScanRunState.Failed, ScanReasons.AccessDeniedToEncryptionKey, key), (run.State, run.ReasonCode, run.ReasonDetail));
        Assert.Empty(world.Sink.Results);
        Assert.Equal(0, world.SnapshotsOnDisk()); // the two sources and the one copy made
    }
}
