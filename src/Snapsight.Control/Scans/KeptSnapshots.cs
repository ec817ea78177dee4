using Snapsight.Cloud.Provider;

namespace Snapsight.Control.Scans;

/// <summary>
/// The retention rule for kept snapshots, the one the workflow and the sweeper both apply: per
/// volume, the newest (by the point in time they hold, then id) up to the limit stay.
/// </summary>
public static class KeptSnapshots
{
    /// <summary>The snapshots of <paramref name="kept"/> beyond the newest <paramref name="perVolume"/> of their volume.</summary>
    public static IEnumerable<CloudSnapshot> PastRetention(IEnumerable<CloudSnapshot> kept, int perVolume) =>
        kept.GroupBy(s => s.VolumeId, StringComparer.Ordinal)
            .SelectMany(volume => volume.OrderByDescending(s => s.StartTime).ThenByDescending(s => s.Id, StringComparer.Ordinal).Skip(Math.Max(0, perVolume)));
}
