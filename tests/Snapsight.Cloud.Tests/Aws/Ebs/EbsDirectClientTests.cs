using Snapsight.AwsFake;
using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Provider;
using Snapsight.Cloud.Tests.Aws.Fake;

namespace Snapsight.Cloud.Tests.Aws.Ebs;

/// <summary>
/// The EBS direct client against the loopback fake: paging, block data and checksums, retries on
/// throttling, and the typed errors. Which blocks are written is known from how the image was made.
/// </summary>
public sealed class EbsDirectClientTests : IDisposable
{
    // 350 written blocks: four pages of at most 100, and the last block of the 1 GiB volume.
    private static readonly long[] Written = [.. Enumerable.Range(0, 349).Select(i => (long)(i * 5 + (i % 3))), 2047];

    private readonly EbsTestBed _bed = new(Written);

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task Listing_pages_through_every_written_block_in_order()
    {
        var client = _bed.Client(pageSize: 100);

        var map = await EbsBlockMap.ListAsync(client, EbsTestBed.SnapshotId, CancellationToken.None);

        Assert.Equal(_bed.Image.Written, map.Indices);
        Assert.Equal(SparseImage.Size, map.VolumeSizeBytes);
        Assert.Equal(4, client.Counters.ListCalls);
        Assert.Equal(0, _bed.Server.RejectedSignatures);
    }

    [Fact]
    public async Task A_block_comes_back_as_the_image_holds_it()
    {
        var client = _bed.Client();
        var map = await EbsBlockMap.ListAsync(client, EbsTestBed.SnapshotId, CancellationToken.None);
        var block = new byte[EbsLimits.BlockSize];

        Assert.True(map.TryGetToken(2047, out var token));
        await client.GetSnapshotBlockAsync(EbsTestBed.SnapshotId, 2047, token, block, CancellationToken.None);

        Assert.Equal(_bed.Image.Read(2047L * EbsLimits.BlockSize, EbsLimits.BlockSize), block);
        Assert.Equal(1, client.Counters.BlocksFetched);
    }

    [Fact]
    public async Task A_block_whose_checksum_does_not_match_is_refused_naming_it()
    {
        var client = _bed.Client();
        var map = await EbsBlockMap.ListAsync(client, EbsTestBed.SnapshotId, CancellationToken.None);
        _bed.Server.Faults.CorruptChecksums[12] = true;
        Assert.True(map.TryGetToken(12, out var token));

        var error = await Assert.ThrowsAsync<CloudProviderException>(
            () => client.GetSnapshotBlockAsync(EbsTestBed.SnapshotId, 12, token, new byte[EbsLimits.BlockSize], CancellationToken.None));

        Assert.Equal(CloudErrorCode.Corrupt, error.Code);
        Assert.Contains("block 12 of snap-0123456789abcdef0 failed its checksum", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _bed.Server.GetSnapshotBlockCalls); // a bad checksum is not retried
    }

    [Fact]
    public async Task Throttling_is_retried_until_the_block_comes()
    {
        var client = _bed.Client();
        var map = await EbsBlockMap.ListAsync(client, EbsTestBed.SnapshotId, CancellationToken.None);
        _bed.Server.Faults.ThrottleNextGetSnapshotBlock = 3;
        map.TryGetToken(0, out var token);
        var block = new byte[EbsLimits.BlockSize];

        await client.GetSnapshotBlockAsync(EbsTestBed.SnapshotId, 0, token, block, CancellationToken.None);

        Assert.Equal(_bed.Image.Read(0, EbsLimits.BlockSize), block);
        Assert.Equal(3, client.Counters.ThrottledResponses);
        Assert.Equal(4, _bed.Server.GetSnapshotBlockCalls);
    }

    [Fact]
    public async Task Throttling_that_does_not_end_gives_a_transient_throttled_error_after_the_last_attempt()
    {
        var client = _bed.Client(maxAttempts: 3);
        var map = await EbsBlockMap.ListAsync(client, EbsTestBed.SnapshotId, CancellationToken.None);
        _bed.Server.Faults.ThrottleNextGetSnapshotBlock = 1000;
        map.TryGetToken(0, out var token);

        var error = await Assert.ThrowsAsync<CloudProviderException>(
            () => client.GetSnapshotBlockAsync(EbsTestBed.SnapshotId, 0, token, new byte[EbsLimits.BlockSize], CancellationToken.None));

        Assert.Equal(CloudErrorCode.Throttled, error.Code);
        Assert.True(error.IsTransient);
        Assert.Contains("RequestThrottledException", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _bed.Server.GetSnapshotBlockCalls);
    }

    [Fact]
    public async Task A_denied_snapshot_is_access_denied_with_the_services_reason_and_not_retried()
    {
        var client = _bed.Client();
        _bed.Server.Faults.DeniedSnapshots[EbsTestBed.SnapshotId] = true;

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => EbsBlockMap.ListAsync(client, EbsTestBed.SnapshotId, CancellationToken.None));

        Assert.Equal(CloudErrorCode.AccessDenied, error.Code);
        Assert.Contains("AccessDeniedException (DEPENDENCY_ACCESS_DENIED;", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _bed.Server.Requests);
    }

    [Fact]
    public async Task An_unknown_snapshot_is_not_found()
    {
        var error = await Assert.ThrowsAsync<CloudProviderException>(() => EbsBlockMap.ListAsync(_bed.Client(), "snap-00000000000000000", CancellationToken.None));

        Assert.Equal(CloudErrorCode.NotFound, error.Code);
        Assert.Contains("ResourceNotFoundException", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_signed_with_the_wrong_secret_is_refused_by_the_fake()
    {
        var client = _bed.Client(EbsTestBed.Keys with { SecretAccessKey = "not-the-secret" });

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => EbsBlockMap.ListAsync(client, EbsTestBed.SnapshotId, CancellationToken.None));

        Assert.Equal(CloudErrorCode.AccessDenied, error.Code);
        Assert.Contains("the signature does not match", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _bed.Server.RejectedSignatures);
    }

    [Fact]
    public async Task A_request_without_the_session_token_is_refused_by_the_fake()
    {
        var client = _bed.Client(EbsTestBed.Keys with { SessionToken = null });

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => EbsBlockMap.ListAsync(client, EbsTestBed.SnapshotId, CancellationToken.None));

        Assert.Contains("session token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changed_blocks_between_two_snapshots_are_the_rewritten_the_erased_and_the_new_ones()
    {
        long[] rewrite = [Written[1], Written[120], 2047];
        long[] erase = [Written[2], Written[3]];
        long[] added = [3, 1999]; // not written in the first
        using var next = _bed.Image.Change(_bed.Temp.File("next.img"), [.. rewrite, .. added], erase, seed: 9);
        _bed.Server.Add(new FakeEbsSnapshot("snap-0fedcba9876543210", next.Path));
        var client = _bed.Client();

        var changed = new List<EbsChangedBlock>();
        string? token = null;
        do
        {
            var page = await client.ListChangedBlocksAsync(EbsTestBed.SnapshotId, "snap-0fedcba9876543210", token, 0, CancellationToken.None);
            changed.AddRange(page.Items);
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal(rewrite.Concat(erase).Concat(added).Order(), changed.Select(c => c.Index));
        Assert.All(changed.Where(c => erase.Contains(c.Index)), c => Assert.Null(c.SecondToken));
        Assert.All(changed.Where(c => added.Contains(c.Index)), c => Assert.Null(c.FirstToken));
    }

    [Fact]
    public async Task A_malformed_snapshot_id_is_refused_before_any_request()
    {
        var error = await Assert.ThrowsAsync<CloudProviderException>(() => EbsBlockMap.ListAsync(_bed.Client(), "snap-../../x", CancellationToken.None));

        Assert.Equal(CloudErrorCode.InvalidParameter, error.Code);
        Assert.Equal(0, _bed.Server.Requests);
    }
}
