namespace Snapsight.Disk.Partitions;

/// <summary>
/// A table entry that names a partition which could not be used at all (it starts past the end
/// of the disk, or ends before it starts), so no <see cref="Partition"/> stands for it.
/// </summary>
/// <param name="Number">The number the partition would have had (see <see cref="Partition.Number"/>).</param>
/// <param name="Reason">Why it was skipped, naming the table's values.</param>
public sealed record SkippedPartition(int Number, string Reason);
