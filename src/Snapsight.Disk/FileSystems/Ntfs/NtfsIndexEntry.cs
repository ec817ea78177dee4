namespace Snapsight.Disk.FileSystems.Ntfs;

/// <summary>
/// One entry of a directory index node: the file it names (48-bit record number and 16-bit
/// sequence number), the $FILE_NAME key's name and namespace, and the child node's VCN. The
/// node's last entry carries no key (<see cref="IsLast"/>) but may still have a child.
/// </summary>
internal sealed record NtfsIndexEntry(long RecordNumber, ushort SequenceNumber, string Name, byte Namespace, long? ChildVcn, bool IsLast);
