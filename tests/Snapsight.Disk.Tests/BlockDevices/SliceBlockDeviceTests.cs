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
}
