using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Snapsight.Cloud.Local;
using Snapsight.Control;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;
using Snapsight.Control.Setup;
using Snapsight.Server.Hosting;

namespace Snapsight.Server.Tests.Scans;

/// <summary>The server's background service: on for <c>snapsight server</c>, off for tests unless asked; it sweeps at start and drives runs.</summary>
public sealed class ScanWorkflowServiceTests
{
    [Fact]
    public void The_server_drives_scans_but_a_test_server_does_not_unless_asked()
    {
        Assert.True(ServerOptions.From(Path.GetTempPath(), ServerCommandLine.DefaultUrls).Control.Scans.Enabled);
        Assert.False(ControlSettings.ForDataDirectory(Path.GetTempPath(), null).Scans.Enabled);
    }

    [Fact]
    public async Task Started_it_sweeps_orphans_at_once_and_drives_a_run_to_done()
    {
        var options = new WorldOptions
        {
            CompletionDelay = TimeSpan.Zero,
            Workflow = new WorldOptions().Workflow with { Enabled = true, DriveInterval = TimeSpan.FromMilliseconds(50) },
        };
        await using var world = await ScanWorld.CreateAsync(DatabaseProvider.Sqlite, options);
        var orphans = await world.Services.GetRequiredService<LocalCloudProvider>().CreateSnapshotSetAsync(ScanWorld.Target,
            world.Instances[1].InstanceId, RunSnapshotTags.ForCreation(world.SubscriptionId, Guid.NewGuid(), world.Clock.GetUtcNow().AddHours(1)),
            CancellationToken.None);
        var run = await world.StartRunAsync(world.Instances[0].AssetId);

        // The service waits by the real clock; the cloud and the runs keep the world's fake one, which never has to move here.
        using var service = new ScanWorkflowService(world.Services.GetRequiredService<ScanDriver>(), world.Settings.Scans, TimeProvider.System,
            world.Services.GetRequiredService<IServiceProviderIsService>(), NullLogger<ScanWorkflowService>.Instance);
        await service.StartAsync(CancellationToken.None);
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while ((await world.RunsAsync()).Single().State != ScanRunState.Done)
            {
                await Task.Delay(50, deadline.Token);
            }
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }

        Assert.Equal(world.Instances[0].Sha256, ((VolumeHashes)world.Sink.Results[run.Id].Output.Result).Sha256);
        // The orphan's run is unknown to the database: only the start-up sweep deletes it.
        Assert.NotEmpty(orphans);
        Assert.Equal(0, world.SnapshotsOnDisk());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("0", 0)]
    [InlineData("20", 20)]
    [InlineData("3600", 3600)]
    public void The_local_snapshot_variable_sets_how_long_snapshots_stay_pending(string? value, int? seconds) =>
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, ServerOptions.LocalSnapshotFrom(value));

    [Theory]
    [InlineData("-1")]
    [InlineData("3601")]
    [InlineData("2.5")]
    public void A_local_snapshot_time_out_of_range_stops_the_start_with_the_variables_name(string value) =>
        Assert.Contains(ServerOptions.LocalSnapshotVariable, Assert.Throws<SetupException>(() => ServerOptions.LocalSnapshotFrom(value)).Message);
}
