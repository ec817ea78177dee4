using Microsoft.Extensions.Time.Testing;
using Snapsight.AwsFake;
using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Aws.Signing;
using Snapsight.Cloud.Tests.Aws.Fake;

namespace Snapsight.Cloud.Tests.Aws.Ebs;

/// <summary>
/// The client keeps GetSnapshotBlock under its configured rate: on a clock the test moves, calls
/// past the burst reach the service only as tokens come due.
/// </summary>
public sealed class EbsRateLimitTests : IDisposable
{
    private readonly EbsTestBed _bed = new(Enumerable.Range(0, 8).Select(i => (long)i));

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task Calls_past_the_burst_wait_for_their_tokens()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow); // signatures carry this time; the fake checks it against its own
        using var http = new HttpClient();
        var client = new EbsDirectClient(http, FakeEbsServer.Region, new FixedCredentialSource(EbsTestBed.Keys),
            new EbsDirectOptions { Endpoint = _bed.Server.Endpoint, GetSnapshotBlockPerSecond = 5, PageSize = 100 }, clock);
        var map = await EbsBlockMap.ListAsync(client, EbsTestBed.SnapshotId, CancellationToken.None);

        var calls = map.Indices.Select(i =>
        {
            map.TryGetToken(i, out var token);
            return client.GetSnapshotBlockAsync(EbsTestBed.SnapshotId, i, token, new byte[EbsLimits.BlockSize], CancellationToken.None);
        }).ToList();
        await Task.WhenAll(calls.Take(5));

        Assert.All(calls.Skip(5), c => Assert.False(c.IsCompleted));
        Assert.Equal(5, _bed.Server.GetSnapshotBlockCalls);
        clock.Advance(TimeSpan.FromMilliseconds(600)); // three more tokens at 5 a second
        await Task.WhenAll(calls);
        Assert.Equal(8, _bed.Server.GetSnapshotBlockCalls);
    }
}
