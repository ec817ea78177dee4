using CsCheck;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Scans;

namespace Snapsight.Server.Tests.Scans;

/// <summary>The retention rule the workflow and the sweeper share, against its definition: a snapshot goes when its volume has at least the limit of newer ones.</summary>
public sealed class KeptSnapshotsTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Past_retention_are_exactly_those_with_at_least_the_limit_of_newer_snapshots_of_their_volume()
    {
        var snapshot = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 5], Gen.Int[0, 1_000_000]);
        Gen.Select(snapshot.List[0, 20], Gen.Int[0, 4]).Sample((specs, limit) =>
        {
            var snapshots = specs.Select((s, i) => Snapshot($"snap-{s.Item3:x8}{i:x9}", $"vol-0000000{s.Item1}", Epoch.AddMinutes(s.Item2))).ToList();
            bool Newer(CloudSnapshot a, CloudSnapshot b) =>
                a.StartTime > b.StartTime || (a.StartTime == b.StartTime && string.CompareOrdinal(a.Id, b.Id) > 0);
            var expected = snapshots.Where(s => snapshots.Count(o => o.VolumeId == s.VolumeId && Newer(o, s)) >= limit).Select(s => s.Id);

            var past = KeptSnapshots.PastRetention(snapshots, limit).Select(s => s.Id).ToList();

            Assert.Equal(expected.Order(StringComparer.Ordinal), past.Order(StringComparer.Ordinal));
        }, iter: 300);
    }

    private static CloudSnapshot Snapshot(string id, string volumeId, DateTimeOffset start) => new()
    {
        Id = id, OwnerAccountId = "111111111111", Region = "eu-west-1", VolumeId = volumeId, VolumeSizeBytes = 1 << 30,
        State = SnapshotState.Completed, Progress = 100, StartTime = start, Tags = new Dictionary<string, string>(), SharedWith = [],
    };
}
