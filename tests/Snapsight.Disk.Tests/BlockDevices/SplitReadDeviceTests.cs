using CsCheck;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Tests.BlockDevices;

/// <summary>
/// The read loop shared by image formats, logical volumes and EBS snapshots: a read put together from runs of
/// any lengths is the bytes a plain memory device has there, and a run that serves nothing is refused
/// instead of looped on.
/// </summary>
public sealed class SplitReadDeviceTests
{
    [Fact]
    public void A_read_put_together_from_runs_of_any_length_is_the_bytes_at_its_offset()
    {
        Gen.Select(Gen.Int[0, 3000], Gen.Int[1, 700].Array[1, 12], Gen.Int[-10, 3500], Gen.Int[0, 4000])
            .Sample((size, runs, offset, count) =>
            {
                var bytes = new byte[size];
                new Random(size).NextBytes(bytes);
                using var oracle = new MemoryBlockDevice(bytes);
                using var device = new RunsOfMemory(bytes, runs);
                var expected = new byte[count];
                var read = new byte[count];

                if (offset < 0)
                {
                    Assert.Throws<ArgumentOutOfRangeException>(() => device.ReadAsync(offset, read).AsTask().GetAwaiter().GetResult());
                    return;
                }

                var n = device.ReadAsync(offset, read).AsTask().GetAwaiter().GetResult();

                Assert.Equal(oracle.ReadAsync(offset, expected).AsTask().GetAwaiter().GetResult(), n);
                Assert.Equal(expected, read);
                Assert.Equal(n, device.Statistics.BytesRead);
                Assert.Equal(1, device.Statistics.ReadRequests);
            });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65)] // more than the 64 bytes asked for
    public async Task A_run_that_does_not_move_the_read_forward_is_refused(int served)
    {
        using var device = new BrokenRuns(served);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => device.ReadAsync(0, new byte[64]).AsTask());

        Assert.Contains($"served {served} of 64 bytes", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Memory served in runs whose lengths cycle through <paramref name="runs"/>, as a format's extents would cut it.</summary>
    private sealed class RunsOfMemory(byte[] bytes, int[] runs) : SplitReadDevice
    {
        public override long Length => bytes.Length;

        public override int BlockSize => 512;

        protected override ValueTask<int> ReadRunAsync(long position, Memory<byte> destination, CancellationToken cancellationToken)
        {
            Assert.InRange(position, 0, Length - 1);
            Assert.False(destination.IsEmpty);
            var count = Math.Min(runs[(int)(position % runs.Length)], destination.Length);
            bytes.AsMemory((int)position, count).CopyTo(destination);
            return ValueTask.FromResult(count);
        }
    }

    /// <summary>A mapping bug: every run claims <paramref name="served"/> bytes.</summary>
    private sealed class BrokenRuns(int served) : SplitReadDevice
    {
        public override long Length => 1024;

        public override int BlockSize => 512;

        protected override ValueTask<int> ReadRunAsync(long position, Memory<byte> destination, CancellationToken cancellationToken) =>
            ValueTask.FromResult(served);
    }
}
