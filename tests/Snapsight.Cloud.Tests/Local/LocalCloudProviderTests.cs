using System.Text.Json;
using Snapsight.Cloud.Local;
using Snapsight.Cloud.Provider;
using Snapsight.Cloud.Tests.Provider;

namespace Snapsight.Cloud.Tests.Local;

/// <summary>What only the local provider promises: its files, restarts, and what it does with a broken root.</summary>
public sealed class LocalCloudProviderTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static readonly Dictionary<string, string> Tags = new() { [SnapshotTags.Run] = "run-1" };

    [Fact]
    public async Task Snapshots_are_laid_out_as_documented_and_no_account_json_is_written()
    {
        using var fleet = LocalContractFleet.Create(new ContractSettings());
        var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, Tags, Ct);
        await fleet.Provider.ShareSnapshotAsync(fleet.Owner, set[0].Id, fleet.OtherAccountId, Ct);

        var directory = Path.Combine(fleet.Directory.File("cloud"), "accounts", fleet.Owner.AccountId, "regions", fleet.Owner.Region, "snapshots", set[0].Id);
        Assert.Equal(["data", "snapshot.json"], Directory.EnumerateFiles(directory).Select(Path.GetFileName).Order());
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, "snapshot.json")));
        var root = json.RootElement;
        Assert.Equal(set[0].VolumeId, root.GetProperty("volumeId").GetString());
        Assert.Equal(fleet.InstanceId, root.GetProperty("instanceId").GetString());
        Assert.Equal("complete", root.GetProperty("outcome").GetString());
        Assert.Equal("run-1", root.GetProperty("tags").GetProperty(SnapshotTags.Run).GetString());
        Assert.Equal(fleet.OtherAccountId, root.GetProperty("sharedWith")[0].GetString());
        Assert.Equal(root.GetProperty("startTime").GetDateTimeOffset() + LocalContractFleet.CompletionDelay,
            root.GetProperty("completesAt").GetDateTimeOffset());

        Assert.Empty(Directory.EnumerateFiles(fleet.Directory.Path, "account.json", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(fleet.Directory.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_restarted_provider_sees_the_same_snapshots_in_the_same_states()
    {
        using var fleet = LocalContractFleet.Create(new ContractSettings());
        var set = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, Tags, Ct);
        using var restarted = new LocalCloudProvider(new LocalCloudOptions { Root = fleet.Builder.Layout.Root, TimeProvider = fleet.Clock });

        Assert.Equal(SnapshotState.Pending, (await restarted.DescribeSnapshotAsync(fleet.Owner, set[0].Id, Ct)).State);
        await fleet.CompletePendingAsync();
        Assert.Equal(set.Select(s => s.Id).Order(StringComparer.Ordinal),
            (await restarted.ListSnapshotsByTagsAsync(fleet.Owner, Tags, Ct)).Where(s => s.State == SnapshotState.Completed).Select(s => s.Id));
    }

    [Fact]
    public async Task Progress_follows_the_clock_while_pending()
    {
        using var fleet = LocalContractFleet.Create(new ContractSettings());
        var snapshot = (await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, Tags, Ct))[0];

        fleet.Clock.Advance(LocalContractFleet.CompletionDelay / 4);
        Assert.Equal(25, (await fleet.Provider.DescribeSnapshotAsync(fleet.Owner, snapshot.Id, Ct)).Progress);
        fleet.Clock.Advance((LocalContractFleet.CompletionDelay * 3 / 4) - TimeSpan.FromTicks(1));
        Assert.Equal(SnapshotState.Pending, (await fleet.Provider.DescribeSnapshotAsync(fleet.Owner, snapshot.Id, Ct)).State);
        fleet.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(SnapshotState.Completed, (await fleet.Provider.DescribeSnapshotAsync(fleet.Owner, snapshot.Id, Ct)).State);
    }

    [Fact]
    public async Task A_terminated_instance_cannot_be_snapshotted()
    {
        using var fleet = LocalContractFleet.Create(new ContractSettings());
        fleet.Builder.SetState(fleet.Owner, fleet.InstanceId, InstanceState.Terminated);

        var e = await Assert.ThrowsAsync<CloudProviderException>(() => fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, Tags, Ct));
        Assert.Equal(CloudErrorCode.InvalidState, e.Code);
        Assert.Equal(InstanceState.Terminated, Assert.Single(await fleet.Provider.ListInstancesAsync(fleet.Owner, Ct)).State);
    }

    [Theory]
    [InlineData("\"image\": \"../../../../../../etc/passwd\"", "outside its directory")] // a volume may not point out of its instance
    [InlineData("\"image\": \"/etc/passwd\"", "outside its directory")]
    [InlineData("\"imagee\": \"x.img\"", "imagee")] // a misspelt key is an error, not a missing image
    [InlineData("\"id\": \"../vol\"", "not a volume id")]
    public async Task A_broken_instance_json_is_reported_as_corrupt_naming_the_problem(string replacement, string expected)
    {
        using var fleet = LocalContractFleet.Create(new ContractSettings());
        var path = fleet.Builder.Layout.InstanceFile(fleet.Owner, fleet.InstanceId);
        var json = File.ReadAllText(path);
        var key = replacement[..replacement.IndexOf(':', StringComparison.Ordinal)];
        var target = key == "\"imagee\"" ? "\"image\"" : key;
        var at = json.IndexOf(target + ":", StringComparison.Ordinal);
        var end = json.IndexOf('\n', at);
        File.WriteAllText(path, json[..at] + replacement + (json[end - 1] == ',' ? "," : "") + json[end..]);

        var e = await Assert.ThrowsAsync<CloudProviderException>(() => fleet.Provider.ListInstancesAsync(fleet.Owner, Ct));
        Assert.Equal(CloudErrorCode.Corrupt, e.Code);
        Assert.False(e.IsTransient);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    /// <summary>The documented defaults hold for a hand-written file that leaves them out (the serializer used to read them as pending and null).</summary>
    [Fact]
    public async Task An_instance_json_with_only_the_required_members_is_a_running_linux_instance_without_tags()
    {
        using var fleet = LocalContractFleet.Create(new ContractSettings());
        var path = fleet.Builder.Layout.InstanceFile(fleet.Owner, fleet.InstanceId);
        var full = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        File.WriteAllText(path, new System.Text.Json.Nodes.JsonObject
        {
            ["launchTime"] = full["launchTime"]!.DeepClone(),
            ["volumes"] = full["volumes"]!.DeepClone(),
        }.ToJsonString());

        var instance = Assert.Single(await fleet.Provider.ListInstancesAsync(fleet.Owner, Ct));
        Assert.Equal((InstanceState.Running, InstancePlatform.Linux, 0, null), (instance.State, instance.Platform, instance.Tags.Count, instance.Name));
    }

    [Theory]
    [InlineData("\"volumes\": [null]", "volumes[0] is null")]
    [InlineData("\"tags\": {\"Name\": null}", "tags[\"Name\"] is null")]
    [InlineData("\"state\": \"running, stopped\"", "$.state: not one of")]
    public async Task A_null_or_combined_value_in_instance_json_is_corrupt_not_a_crash(string member, string expected)
    {
        using var fleet = LocalContractFleet.Create(new ContractSettings());
        var path = fleet.Builder.Layout.InstanceFile(fleet.Owner, fleet.InstanceId);
        var launchTime = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!["launchTime"]!.ToJsonString();
        File.WriteAllText(path, $$"""{"launchTime": {{launchTime}}, {{(member.StartsWith("\"volumes", StringComparison.Ordinal) ? member : member + ", \"volumes\": []")}}}""");

        var e = await Assert.ThrowsAsync<CloudProviderException>(() => fleet.Provider.ListInstancesAsync(fleet.Owner, Ct));
        Assert.Equal(CloudErrorCode.Corrupt, e.Code);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leftovers_of_a_crash_in_staging_are_never_listed()
    {
        using var fleet = LocalContractFleet.Create(new ContractSettings());
        var staging = Path.Combine(fleet.Builder.Layout.StagingDirectory(fleet.Owner), "snap-0123456789abcdef0");
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, "snapshot.json"), "{\"volumeId\": ");

        Assert.Empty(await fleet.Provider.ListSnapshotsByTagsAsync(fleet.Owner, new Dictionary<string, string>(), Ct));
        Assert.Equal(2, (await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, Tags, Ct)).Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task What_a_killed_creation_or_deletion_left_in_staging_goes_with_the_next_one(bool nextCreates)
    {
        using var fleet = LocalContractFleet.Create(new ContractSettings());
        var first = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, Tags, Ct);
        var second = await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, Tags, Ct);
        var staging = LeaveKilledWorkInStaging(fleet, first);

        if (nextCreates)
        {
            await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, Tags, Ct);
        }
        else
        {
            await fleet.Provider.DeleteSnapshotAsync(fleet.Owner, second[0].Id, Ct);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(staging));
        Assert.Equal(nextCreates ? 4 : 1, (await fleet.Provider.ListSnapshotsByTagsAsync(fleet.Owner, Tags, Ct)).Count);
    }

    [Fact]
    public async Task A_restarted_provider_clears_staging_when_it_first_lists_the_region()
    {
        using var fleet = LocalContractFleet.Create(new ContractSettings());
        using var restarted = await RestartedAfterKilledWorkAsync(fleet);
        var staging = fleet.Builder.Layout.StagingDirectory(fleet.Owner);

        Assert.Empty(await restarted.ListSnapshotsByTagsAsync(fleet.Owner, Tags, Ct));
        Assert.Empty(Directory.EnumerateFileSystemEntries(staging));
    }

    [Fact]
    public async Task Staging_is_left_alone_while_another_holds_its_lock_and_cleared_once_it_is_free()
    {
        using var fleet = LocalContractFleet.Create(new ContractSettings());
        using var restarted = await RestartedAfterKilledWorkAsync(fleet);
        var staging = fleet.Builder.Layout.StagingDirectory(fleet.Owner);
        // Another process at work in staging, as the provider's own lock would be taken there.
        var other = new FileStream(fleet.Builder.Layout.StagingLockFile(fleet.Owner), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        await restarted.ListSnapshotsByTagsAsync(fleet.Owner, Tags, Ct);
        Assert.Equal(2, Directory.EnumerateFileSystemEntries(staging).Count());
        var creating = restarted.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, Tags, Ct);
        await Task.Delay(200, Ct);
        Assert.False(creating.IsCompleted);

        await other.DisposeAsync();
        Assert.Equal(2, (await creating.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Count);
        Assert.Empty(Directory.EnumerateFileSystemEntries(staging));
    }

    /// <summary>A new provider on <paramref name="fleet"/>'s root after a set was made and left in staging by kills.</summary>
    private static async Task<LocalCloudProvider> RestartedAfterKilledWorkAsync(LocalContractFleet fleet)
    {
        LeaveKilledWorkInStaging(fleet, await fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, Tags, Ct));
        return new LocalCloudProvider(new LocalCloudOptions { Root = fleet.Builder.Layout.Root, TimeProvider = fleet.Clock });
    }

    /// <summary>
    /// Puts <paramref name="set"/>'s two snapshots back into staging as a SIGKILL leaves them: the first staged but not
    /// yet published, the second renamed there by a deletion that did not get to remove it. Answers the staging directory.
    /// </summary>
    private static string LeaveKilledWorkInStaging(LocalContractFleet fleet, IReadOnlyList<CloudSnapshot> set)
    {
        var layout = fleet.Builder.Layout;
        var staging = layout.StagingDirectory(fleet.Owner);
        Directory.Move(layout.SnapshotDirectory(fleet.Owner, set[0].Id), Path.Combine(staging, set[0].Id));
        Directory.Move(layout.SnapshotDirectory(fleet.Owner, set[1].Id), Path.Combine(staging, "deleted-" + set[1].Id));
        return staging;
    }

    [Fact]
    public async Task A_snapshot_set_waits_for_a_writer_holding_the_instance_lock()
    {
        using var fleet = LocalContractFleet.Create(new ContractSettings());
        var instanceDirectory = fleet.Builder.Layout.InstanceDirectory(fleet.Owner, fleet.InstanceId);
        var held = await InstanceLock.AcquireAsync(instanceDirectory, Ct);

        var creating = fleet.Provider.CreateSnapshotSetAsync(fleet.Owner, fleet.InstanceId, Tags, Ct);
        await Task.Delay(200, Ct);
        Assert.False(creating.IsCompleted);
        held.Dispose();
        Assert.Equal(2, (await creating.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Count);
    }

    [Fact]
    public async Task Throttling_can_aim_at_one_call_and_fires_exactly_the_configured_times()
    {
        using var fleet = LocalContractFleet.Create(new ContractSettings(), options => options with
        {
            Faults = [new LocalFault(LocalFaultKind.Throttle) { Operation = LocalOperation.ListInstances, Times = 3 }],
        });

        for (var i = 0; i < 3; i++)
        {
            var e = await Assert.ThrowsAsync<CloudProviderException>(() => fleet.Provider.ListInstancesAsync(fleet.Owner, Ct));
            Assert.Equal(CloudErrorCode.Throttled, e.Code);
            Assert.NotEmpty(await fleet.Provider.ListRegionsAsync(fleet.Owner.AccountId, Ct)); // other calls pass
        }

        Assert.Single(await fleet.Provider.ListInstancesAsync(fleet.Owner, Ct));
    }
}
