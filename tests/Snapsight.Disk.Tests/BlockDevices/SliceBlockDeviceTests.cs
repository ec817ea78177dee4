using CsCheck;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Disk.Tests.BlockDevices;

public sealed class SliceBlockDeviceTests
{
    [Fact]
    public void A_slice_reads_exactly_the_parent_bytes_it_covers_and_stops_at_its_end()
    {
        Gen.Select(Gen.Int[1, 4096], Gen.Int[0, 5000], Gen.Int[0, 5000], Gen.Int[0, 6000], Gen.Int[0, 300])
            .Sample((size, start, length, offset, count) =>
            {
                var bytes = new byte[size];
                new Random(size).NextBytes(bytes);
                using var parent = new MemoryBlockDevice(bytes);
                using var slice = new SliceBlockDevice(parent, start, length);

                var expectedLength = Math.Max(0, Math.Min(length, size - Math.Min(start, size)));
                Assert.Equal(expectedLength, slice.Length);

                var buffer = new byte[count];
                var n = slice.ReadAsync(offset, buffer).AsTask().GetAwaiter().GetResult();
                var expectedCount = offset >= expectedLength ? 0 : Math.Min(count, expectedLength - offset);
                Assert.Equal(expectedCount, n);
                Assert.Equal(bytes.AsSpan(Math.Min(start, size) + Math.Min(offset, expectedLength), n).ToArray(), buffer[..n]);
                Assert.Equal(n, slice.Statistics.BytesRead);
            });
    }

    [Fact]
    public void A_prefetch_hint_reaches_the_parent_translated_and_clamped_to_the_slice()
    {
        Gen.Select(Gen.Int[0, 5000], Gen.Int[0, 5000], Gen.Long[-100, 6000], Gen.Long[-100, 6000])
            .Sample((start, length, offset, count) =>
            {
                using var parent = new HintRecorder(8192);
                using var slice = new SliceBlockDevice(parent, start, length);
                slice.Prefetch(offset, count);

                var inside = offset >= 0 && offset < slice.Length && count > 0;
                Assert.Equal(inside ? [(start + offset, Math.Min(count, slice.Length - offset))] : [], parent.Hints);
            });
    }

    /// <summary>A device that only records the prefetch hints it is given.</summary>
    private sealed class HintRecorder(long length) : IBlockDevice
    {
        public List<(long Offset, long Length)> Hints { get; } = [];

        public long Length => length;

        public int BlockSize => 512;

        public ReadStatistics Statistics { get; } = new();

        public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public void Prefetch(long offset, long length) => Hints.Add((offset, length));

        public void Dispose()
        {
        }
    }
}
