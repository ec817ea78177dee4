using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Server.Tests.Scans.Aws;

/// <summary>
/// The sweeper and kept snapshots on the AWS fake, deciding by tags alone: a kept snapshot stays
/// while it is within its expiry, its volume is attached to a live instance and it is among the
/// newest of its volume; anything else of ours goes, with or without the runs in the database.
/// </summary>
public sealed class KeptSnapshotSweepTests
{
    private static readonly FixtureScript DebianImages = new("build-debian-images");

    [Fact]
    public async Task Kept_snapshots_survive_the_sweep_until_superseded_orphaned_or_expired_even_with_no_run_in_the_database()
    {
        await using var world = await AwsScanWorld.CreateAsync();
        var image = Path.Combine(DebianImages.Folder, "root-ext4.img");
        var (kept, keptAsset) = await world.AddInstanceAsync(image, "kept");
        var (gone, goneAsset) = await world.AddInstanceAsync(image, "gone");
        var keptRun = await world.ScanAsync(keptAsset);
        var goneRun = await world.ScanAsync(goneAsset);
        Assert.All(new[] { keptRun, goneRun }, r => Assert.Equal(ScanRunState.Done, r.State));

        var sweep = await world.SweepAsync();
        Assert.Empty(sweep.Deleted);
        Assert.Equal(keptRun.SnapshotIds.Concat(goneRun.SnapshotIds).Order(StringComparer.Ordinal), sweep.Kept.Order(StringComparer.Ordinal));

        // A newer kept snapshot of the same volume (as a later run's would be) supersedes the older one.
        var newer = await world.Provider.CreateSnapshotSetAsync(world.TargetScope, kept.Id,
            RunSnapshotTags.ForCreation(world.SubscriptionId, Guid.NewGuid(), world.Clock.GetUtcNow() + TimeSpan.FromHours(1)), CancellationToken.None);
        world.Cloud.CompletePending();
        await world.Provider.TagSnapshotAsync(world.TargetScope, newer[0].Id,
            RunSnapshotTags.ForKeeping(world.Clock.GetUtcNow() + TimeSpan.FromDays(1)), CancellationToken.None);
        // The other instance is terminated: its volume is gone, so its kept snapshot has nothing left to serve.
        world.Cloud.RemoveInstance(gone);
        // And the database forgets every run: the tags alone must decide.
        await using (var tenant = world.Tenant())
        {
            await tenant.ServiceProvider.GetRequiredService<ControlDbContext>().ScanRuns.ExecuteDeleteAsync();
        }

        sweep = await world.SweepAsync();
        Assert.Equal(keptRun.SnapshotIds.Concat(goneRun.SnapshotIds).Order(StringComparer.Ordinal), sweep.Deleted.Order(StringComparer.Ordinal));
        Assert.Equal([newer[0].Id], sweep.Kept);
        Assert.Equal([newer[0].Id], world.Snapshots().Select(s => s.Id));

        // Past its expiry, a kept snapshot goes too.
        world.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        sweep = await world.SweepAsync();
        Assert.Equal([newer[0].Id], sweep.Deleted);
        Assert.Empty(world.Snapshots());
        Assert.Empty(world.Cloud.Denials);
    }
}
