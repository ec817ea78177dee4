using System.Globalization;
using Snapsight.AwsFake;
using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Aws.Ebs.Incremental;
using Snapsight.Cloud.Aws.Signing;
using Snapsight.Cloud.Tests.Aws.Fake;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Ebs.Incremental;

/// <summary>
/// One fake EBS endpoint and a temporary folder for many snapshots of one volume: sparse images
/// made from block lists (their blocks known independently of the fake), each served under a new
/// snapshot id, and block caches in the folder.
/// </summary>
public sealed class IncrementalBed : IDisposable
{
    public const string VolumeId = "vol-0123456789abcdef0";

    private readonly TempDirectory _temp = new();
    private readonly HttpClient _http = new();
    private int _snapshots;
    private int _files;

    public FakeEbsServer Server { get; } = new(EbsTestBed.Keys);

    public TempDirectory Temp => _temp;

    /// <summary>Serves <paramref name="image"/> as a new snapshot; returns its id.</summary>
    public string Serve(SparseImage image) => Serve(image.Path);

    public string Serve(string imagePath)
    {
        var id = "snap-" + Interlocked.Increment(ref _snapshots).ToString("x17", CultureInfo.InvariantCulture);
        Server.Add(new FakeEbsSnapshot(id, imagePath));
        return id;
    }

    public SparseImage Image(IEnumerable<long> written, int seed) => SparseImage.Create(NewFile(), written, seed);

    public string NewFile() => _temp.File($"file-{Interlocked.Increment(ref _files)}");

    public EbsBlockStore Store(long maxBytes = 1L << 30, int keptSnapshots = 1) =>
        EbsBlockStore.Open(new EbsBlockStoreOptions { Directory = NewFile(), MaxBytes = maxBytes, KeptSnapshots = keptSnapshots });

    public EbsDirectClient Client(int pageSize = 100) =>
        new(_http, FakeEbsServer.Region, new FixedCredentialSource(EbsTestBed.Keys),
            new EbsDirectOptions { Endpoint = Server.Endpoint, PageSize = pageSize, BaseBackoff = TimeSpan.FromMilliseconds(2), MaxBackoff = TimeSpan.FromMilliseconds(20) },
            TimeProvider.System);

    /// <summary>A memory cache far larger than the read-ahead window, so that no block is evicted before it is read (each is then looked up once).</summary>
    public static BlockCache MemoryCache() => new(256L * EbsLimits.BlockSize, EbsLimits.BlockSize);

    /// <summary>The first <paramref name="blocks"/> blocks of the device, read a MiB at a time as a scanner streams a file.</summary>
    public static async Task<byte[]> ReadAsync(IBlockDevice device, int blocks)
    {
        var bytes = new byte[blocks * EbsLimits.BlockSize];
        for (var offset = 0; offset < bytes.Length; offset += 1 << 20)
        {
            await device.ReadExactlyAsync(offset, bytes.AsMemory(offset, Math.Min(1 << 20, bytes.Length - offset)), "test", "region");
        }

        return bytes;
    }

    public void Dispose()
    {
        Server.Dispose();
        _http.Dispose();
        _temp.Dispose();
    }
}
