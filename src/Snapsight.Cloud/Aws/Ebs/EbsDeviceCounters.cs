namespace Snapsight.Cloud.Aws.Ebs;

/// <summary>Where one device's blocks came from, counted by <see cref="EbsBlockOrigin"/>; thread-safe.</summary>
internal sealed class EbsDeviceCounters
{
    private readonly long[] _counts = new long[Enum.GetValues<EbsBlockOrigin>().Length];

    public long this[EbsBlockOrigin origin] => Interlocked.Read(ref _counts[(int)origin]);

    public void Count(EbsBlockOrigin origin) => Interlocked.Increment(ref _counts[(int)origin]);
}
