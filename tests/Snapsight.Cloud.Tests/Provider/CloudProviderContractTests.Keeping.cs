using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Tests.Provider;

/// <summary>Keeping scanned snapshots: tags set after creation, and what committing a scan answers.</summary>
public abstract partial class CloudProviderContractTests
{
    private static Dictionary<string, string> Keeping(string expires) => new()
    {
        [SnapshotTags.Kept] = SnapshotTags.KeptValue,
        [SnapshotTags.Expires] = expires,
    };

    [Fact]
    public async Task The_owner_marks_a_snapshot_kept_replacing_its_expiry_and_no_other_tag_or_account_may()
    {
        using var fleet = CreateFleet();
        var set = await CompletedSetAsync(fleet, "run-1");
        var provider = fleet.Provider;

        await provider.TagSnapshotAsync(fleet.Owner, set[0].Id, Keeping("2031-02-03T04:05:06Z"), Ct);
        await provider.TagSnapshotAsync(fleet.Owner, set[0].Id, Keeping("2031-02-03T04:05:06Z"), Ct); // idempotent

        var kept = await provider.ListSnapshotsByTagsAsync(fleet.Owner, new Dictionary<string, string> { [SnapshotTags.Kept] = SnapshotTags.KeptValue }, Ct);
        var snapshot = Assert.Single(kept);
        Assert.Equal(set[0].Id, snapshot.Id);
        Assert.Equal("2031-02-03T04:05:06Z", snapshot.Tags[SnapshotTags.Expires]);
        Assert.Equal("run-1", snapshot.Tags[SnapshotTags.Run]); // the others stay
        Assert.DoesNotContain(SnapshotTags.Kept, (await provider.DescribeSnapshotAsync(fleet.Owner, set[1].Id, Ct)).Tags.Keys);

        await ThrowsAsync(CloudErrorCode.InvalidParameter, () => provider.TagSnapshotAsync(fleet.Owner, set[1].Id, RunTags("run-2"), Ct));
        await ThrowsAsync(CloudErrorCode.InvalidParameter, () => provider.TagSnapshotAsync(fleet.Owner, set[1].Id, new Dictionary<string, string>(), Ct));
        await ThrowsAsync(CloudErrorCode.NotFound, () => provider.TagSnapshotAsync(fleet.Other, set[1].Id, Keeping("2031-01-01T00:00:00Z"), Ct));
        Assert.Equal("run-1", (await provider.DescribeSnapshotAsync(fleet.Owner, set[1].Id, Ct)).Tags[SnapshotTags.Run]);
    }

    [Fact]
    public async Task Committing_scans_of_a_volume_names_exactly_its_snapshots_past_the_retention_limit()
    {
        using var fleet = CreateFleet();
        var provider = fleet.Provider;
        Assert.InRange(provider.KeptSnapshotsPerVolume, 0, 100);
        var scanned = new List<string>();
        var named = new List<string>();
        foreach (var run in new[] { "run-1", "run-2", "run-3" })
        {
            var root = (await CompletedSetAsync(fleet, run))[0];
            using (var device = await provider.OpenSnapshotAsync(fleet.Owner, root.Id, Ct))
            {
                await device.ReadAsync(0, new byte[4096], Ct);
            }

            scanned.Add(root.Id);
            var answer = await provider.CommitScanAsync(fleet.Owner, root.VolumeId, root.Id, Ct);
            Assert.Empty(await provider.CommitScanAsync(fleet.Owner, root.VolumeId, root.Id, Ct)); // a repeat names nothing more
            Assert.DoesNotContain(root.Id, answer);
            named.AddRange(answer);
        }

        // The newest KeptSnapshotsPerVolume stay and every older one is named once; a provider that keeps none never kept any to name.
        var expected = provider.KeptSnapshotsPerVolume == 0 ? [] : scanned.Take(Math.Max(0, scanned.Count - provider.KeptSnapshotsPerVolume)).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), named.Order(StringComparer.Ordinal));
    }
}
