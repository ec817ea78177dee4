namespace Snapsight.Disk.BlockDevices;

/// <summary>
/// Thread-safe counters of what a device served. Every <see cref="IBlockDevice"/> owns one, so
/// a scan can report exactly how much of a volume it read.
/// </summary>
public sealed class ReadStatistics
{
    private long _bytesRead;
    private long _readRequests;

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public long ReadRequests => Interlocked.Read(ref _readRequests);

    public void Record(int bytes)
    {
        Interlocked.Add(ref _bytesRead, bytes);
        Interlocked.Increment(ref _readRequests);
    }

    public override string ToString() => $"{BytesRead} bytes in {ReadRequests} requests";
}
