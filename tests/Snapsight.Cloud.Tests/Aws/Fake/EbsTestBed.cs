using Snapsight.AwsFake;
using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Aws.Signing;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Fake;

/// <summary>A fake EBS endpoint serving one sparse image as snapshot <see cref="SnapshotId"/>, and clients of it.</summary>
public sealed class EbsTestBed : IDisposable
{
    public const string SnapshotId = "snap-0123456789abcdef0";

    public static readonly AwsCredentials Keys = new("AKIAFAKEEBSTESTKEY01", "fake/secret+key/for/the/loopback/ebs/fake", "FwoGZXIvYXdzEFAKESESSIONTOKEN");

    private readonly TempDirectory _temp = new();
    private readonly HttpClient _http = new();

    public EbsTestBed(IEnumerable<long> writtenBlocks)
    {
        Image = SparseImage.Create(_temp.File("volume.img"), writtenBlocks, seed: 8);
        Server = new FakeEbsServer(Keys);
        Server.Add(new FakeEbsSnapshot(SnapshotId, Image.Path));
    }

    public SparseImage Image { get; }

    public FakeEbsServer Server { get; }

    public TempDirectory Temp => _temp;

    /// <summary>Retries are quick here: the waits are what is being retried, not what is tested.</summary>
    public EbsDirectClient Client(AwsCredentials? credentials = null, int pageSize = 100, int maxAttempts = 6) =>
        new(_http, FakeEbsServer.Region, new FixedCredentialSource(credentials ?? Keys),
            new EbsDirectOptions { Endpoint = Server.Endpoint, PageSize = pageSize, MaxAttempts = maxAttempts, BaseBackoff = TimeSpan.FromMilliseconds(2), MaxBackoff = TimeSpan.FromMilliseconds(20) },
            TimeProvider.System);

    public void Dispose()
    {
        Server.Dispose();
        _http.Dispose();
        Image.Dispose();
        _temp.Dispose();
    }
}
