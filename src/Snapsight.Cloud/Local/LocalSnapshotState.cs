using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Local;

/// <summary>
/// A local snapshot's state is a function of its file and the clock, never stored: pending until
/// <see cref="LocalSnapshotFile.CompletesAt"/>, then its outcome. So it only moves forward, survives
/// restarts unchanged, and a fake clock steps it exactly.
/// </summary>
internal static class LocalSnapshotState
{
    public static SnapshotState At(LocalSnapshotFile file, DateTimeOffset now) =>
        now < file.CompletesAt ? SnapshotState.Pending
        : file.Outcome switch
        {
            SnapshotOutcome.Complete => SnapshotState.Completed,
            SnapshotOutcome.Fail => SnapshotState.Error,
            _ => SnapshotState.Pending,
        };

    /// <summary>100 when completed; while pending, the share of the delay gone by, at most 99.</summary>
    public static int Progress(LocalSnapshotFile file, SnapshotState state, DateTimeOffset now)
    {
        if (state != SnapshotState.Pending)
        {
            return state == SnapshotState.Completed ? 100 : 0;
        }

        var total = (file.CompletesAt - file.StartTime).Ticks;
        var gone = (now - file.StartTime).Ticks;
        return total <= 0 ? 99 : (int)Math.Clamp(gone * 100 / total, 0, 99);
    }
}
