using System.Security.Cryptography;
using Snapsight.Cloud.Provider;
using Snapsight.Control.Scans;

namespace Snapsight.Server.Tests.Scans;

/// <summary>
/// A scanner that really reads: it opens each snapshot through the provider as the reader and hashes
/// the whole device, so every read goes through the cloud (its grants, its read faults).
/// </summary>
public sealed class HashingScanExecutor(ICloudProvider cloud) : IScanExecutor
{
    private const int Chunk = 64 << 10;

    public async Task<ScanOutput> ScanAsync(ScanRequest request, CancellationToken cancellationToken)
    {
        var hashes = new List<string>(request.SnapshotIds.Count);
        long bytes = 0, requests = 0;
        var buffer = new byte[Chunk];
        foreach (var id in request.SnapshotIds)
        {
            using var device = await cloud.OpenSnapshotAsync(request.Reader, id, cancellationToken);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            for (long offset = 0; offset < device.Length;)
            {
                var read = await device.ReadAsync(offset, buffer, cancellationToken);
                Assert.True(read > 0, $"snapshot {id} ended at {offset} of {device.Length}");
                hash.AppendData(buffer, 0, read);
                offset += read;
            }

            hashes.Add(Convert.ToHexStringLower(hash.GetHashAndReset()));
            bytes += device.Statistics.BytesRead;
            requests += device.Statistics.ReadRequests;
        }

        return new ScanOutput(new VolumeHashes(hashes), bytes, requests);
    }
}

/// <summary>The hashing scanner's result: SHA-256 of each volume, in volume order.</summary>
public sealed record VolumeHashes(IReadOnlyList<string> Sha256);
