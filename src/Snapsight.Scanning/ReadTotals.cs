namespace Snapsight.Scanning;

/// <summary>What the scan read of its disks: bytes and requests served, out of how many bytes the disks hold.</summary>
public sealed record ReadTotals(long BytesRead, long DeviceBytes, long ReadRequests);
