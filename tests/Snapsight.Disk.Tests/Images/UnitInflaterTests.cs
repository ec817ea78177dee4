using System.IO.Compression;
using CsCheck;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Images;

namespace Snapsight.Disk.Tests.Images;

/// <summary>
/// A unit inflates to the bytes a plain whole-stream decompression gives, followed by zeros up
/// to the unit size; a stream short of the bytes the unit needs is an error.
/// </summary>
public sealed class UnitInflaterTests
{
    private const int UnitLength = 64 * 1024;

    /// <summary>
    /// A stream shorter than the unit (the last unit of a disk) reads as zeros after its end.
    /// zlib-ng writes scratch bytes there, which once leaked into the unit.
    /// </summary>
    [Fact]
    public void A_unit_is_its_stream_then_zeros()
    {
        Gen.Byte[0, 3].Array[1, UnitLength].Sample(plain =>
        {
            var expected = new byte[UnitLength];
            plain.CopyTo(expected, 0);
            Assert.Equal(expected, Inflate(Compress(plain), requiredLength: plain.Length));
        }, iter: 100);
    }

    [Fact]
    public void A_stream_short_of_the_required_bytes_is_an_error()
    {
        var error = Assert.Throws<DiskFormatException>(() => Inflate(Compress(new byte[100]), requiredLength: UnitLength));
        Assert.Contains("inflate to 100 bytes, short of the 65536", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Inflate(byte[] compressed, int requiredLength)
    {
        using var container = new MemoryBlockDevice(compressed);
        return UnitInflater.InflateAsync(container, 0, compressed.Length, UnitLength, requiredLength, zlibWrapped: false, "test", "unit", CancellationToken.None)
            .AsTask().GetAwaiter().GetResult();
    }

    private static byte[] Compress(byte[] plain)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(plain);
        }

        return output.ToArray();
    }
}
