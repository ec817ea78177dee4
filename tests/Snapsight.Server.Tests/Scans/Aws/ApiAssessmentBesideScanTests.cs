using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.AwsFake.Cloud;
using Snapsight.Cloud.Aws.Ssm;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Assessments;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Server.Tests.Scans.Aws;

/// <summary>
/// The API-based assessment alongside each snapshot scan, on the AWS fake with the server's
/// registration-backed account directory: an instance whose SSM agent reports (the Debian 12
/// image's packages as dpkg-query lists them, in the agent's AWS:Application shape) is assessed
/// from its inventory after its scan without being asked, and both methods count the same
/// packages; an inventory the provider refuses leaves the previous assessment and a Done run; an
/// instance without an agent gets none, and its run is Done all the same.
/// </summary>
public sealed class ApiAssessmentBesideScanTests
{
    private static readonly DateTimeOffset Captured = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static string RootImage => DebianImages.Path("root-ext4.img");

    [Fact]
    public async Task A_scan_of_an_instance_whose_agent_reports_also_assesses_it_from_the_ssm_inventory()
    {
        await using var world = await AwsScanWorld.CreateAsync();
        var (instance, assetId) = await world.AddInstanceAsync(RootImage, "managed");
        world.Cloud.AddSsmNode(instance, DebianNode());

        var run = await world.ScanAsync(assetId);
        await world.ApiAssessmentsSettledAsync();

        Assert.Equal(ScanRunState.Done, run.State);
        var api = Assert.Single(await AssessmentsAsync(world));
        Assert.Equal((assetId, "ssm", "debian", "12"), (api.AssetId, api.Source, api.OsFamily, api.OsVersion));
        Assert.Equal(Captured.UtcDateTime, api.CapturedAt);
        // The snapshot read dpkg's database itself; the agent listed it with dpkg-query: the same packages.
        Assert.Equal((await world.StoredRunAsync(run.Id)).PackageCount, api.PackageCount);
        Assert.Empty(world.Cloud.Denials);
    }

    [Fact]
    public async Task An_inventory_the_provider_refuses_leaves_the_run_done_and_the_previous_assessment_in_place()
    {
        await using var world = await AwsScanWorld.CreateAsync();
        var (instance, assetId) = await world.AddInstanceAsync(RootImage, "managed");
        world.Cloud.AddSsmNode(instance, DebianNode());
        await world.ScanAsync(assetId);
        await world.ApiAssessmentsSettledAsync();
        var before = Assert.Single(await AssessmentsAsync(world));

        // A field past SsmLimits.MaxFieldLength: the provider refuses the inventory as corrupt.
        world.Cloud.AddSsmNode(instance, DebianNode() with
        {
            CaptureTime = Captured.AddDays(1),
            Applications = [new Dictionary<string, string> { ["Name"] = new('a', SsmLimits.MaxFieldLength + 1), ["Version"] = "1" }],
        });
        var run = await world.ScanAsync(assetId);
        await world.ApiAssessmentsSettledAsync();

        Assert.Equal(ScanRunState.Done, run.State);
        var after = Assert.Single(await AssessmentsAsync(world));
        Assert.Equal((before.Id, before.CapturedAt, before.AssessedAt, before.PackageCount), (after.Id, after.CapturedAt, after.AssessedAt, after.PackageCount));
    }

    [Fact]
    public async Task A_scan_of_an_instance_without_an_agent_is_done_and_leaves_no_api_based_assessment()
    {
        await using var world = await AwsScanWorld.CreateAsync();
        var (_, assetId) = await world.AddInstanceAsync(RootImage, "bare");

        var run = await world.ScanAsync(assetId);
        await world.ApiAssessmentsSettledAsync();

        Assert.Equal(ScanRunState.Done, run.State);
        Assert.True((await world.StoredRunAsync(run.Id)).PackageCount > 0);
        Assert.Empty(await AssessmentsAsync(world));
    }

    /// <summary>
    /// The inventory API hangs until the test releases it: the run is done all the same, without waiting for it, and once
    /// the API answers the asset is assessed. Run inline, as it was, the assessment held the run's end until it answered.
    /// </summary>
    [Fact]
    public async Task A_hung_inventory_api_holds_no_run_and_the_assessment_follows_when_it_answers()
    {
        var held = new HeldInventorySource();
        await using var world = await AwsScanWorld.CreateAsync(provider => held.Wrapping(provider));
        var (instance, assetId) = await world.AddInstanceAsync(RootImage, "managed");
        world.Cloud.AddSsmNode(instance, DebianNode());

        var run = await world.ScanAsync(assetId);

        Assert.Equal(ScanRunState.Done, run.State);
        await held.Asked.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Empty(await AssessmentsAsync(world));
        held.Release();
        await world.ApiAssessmentsSettledAsync();
        var api = Assert.Single(await AssessmentsAsync(world));
        Assert.Equal((await world.StoredRunAsync(run.Id)).PackageCount, api.PackageCount);
    }

    private static async Task<List<ApiAssessment>> AssessmentsAsync(AwsScanWorld world)
    {
        await using var tenant = world.Tenant();
        return await tenant.ServiceProvider.GetRequiredService<ControlDbContext>().ApiAssessments.AsNoTracking().ToListAsync();
    }

    /// <summary>The agent's inventory of the Debian image: dpkg-query on its tree, each row as the agent's gatherer fills it.</summary>
    private static FakeSsmNode DebianNode() => new()
    {
        PlatformName = "Debian GNU/Linux",
        PlatformVersion = "12",
        CaptureTime = Captured,
        Applications = [.. Tool.Run("dpkg-query", $"--admindir={Path.Combine(DebianImages.Path("rootfs"), "var", "lib", "dpkg")}", "-W", "-f",
                "${Package}\t${Version}\t${Architecture}\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t'))
            .Select(r => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
            {
                ["Name"] = r[0], ["Version"] = r[1], ["Architecture"] = r[2] == "amd64" ? "x86_64" : r[2],
                ["PackageId"] = $"{r[0]}_{r[1]}_{r[2]}.deb",
            })],
    };

    /// <summary>An inventory source that answers only once released, however long the caller's own limit.</summary>
    private sealed class HeldInventorySource
    {
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => released.TrySetResult();

        public IApiInventorySource Wrapping(IApiInventorySource inner) => new Source(this, inner);

        private sealed class Source(HeldInventorySource held, IApiInventorySource inner) : IApiInventorySource
        {
            public async Task<ApiInventory?> ReadApiInventoryAsync(CloudScope scope, string instanceId, CancellationToken cancellationToken)
            {
                held.Asked.TrySetResult();
                await held.released.Task.ConfigureAwait(false);
                return await inner.ReadApiInventoryAsync(scope, instanceId, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
