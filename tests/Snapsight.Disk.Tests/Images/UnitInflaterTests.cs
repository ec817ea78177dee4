using System.IO.Compression;
using CsCheck;
using Snapsight.Disk.BlockDevices;
using Snapsight.Disk.Images;

namespace Snapsight.Disk.Tests.Images;

/// <summary>
/// A unit inflates to the bytes a plain whole-stream decompression gives, followed by zeros up
/// to the unit size; a stream short of the bytes the unit needs, cut or corrupt, is an error.
/// </summary>
public sealed class UnitInflaterTests
{
    private const int UnitLength = 64 * 1024;

    /// <summary>
    /// A stream shorter than the unit (the last unit of a disk) reads as zeros after its end.
    /// zlib-ng wrote scratch bytes there, which once leaked into the unit; libdeflate leaves it as allocated.
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

    /// <summary>VMDK grains carry zlib's wrapper; .NET's own compressor (zlib-ng) is the oracle's other half.</summary>
    [Fact]
    public void A_zlib_wrapped_unit_is_its_stream_then_zeros()
    {
        Gen.Byte[0, 3].Array[1, UnitLength].Sample(plain =>
        {
            var expected = new byte[UnitLength];
            plain.CopyTo(expected, 0);
            Assert.Equal(expected, Inflate(Compress(plain, zlibWrapped: true), requiredLength: plain.Length, zlibWrapped: true));
        }, iter: 100);
    }

    /// <summary>A stream cut anywhere, or with a byte of its zlib checksum changed, is refused with the unit named.</summary>
    [Fact]
    public void A_cut_or_altered_stream_is_an_error()
    {
        var plain = new byte[UnitLength];
        new Random(7).NextBytes(plain.AsSpan(0, UnitLength / 2));
        var compressed = Compress(plain, zlibWrapped: true);
        Gen.Int[1, compressed.Length - 1].Sample(cut =>
            Assert.Throws<DiskFormatException>(() => Inflate(compressed[..cut], requiredLength: UnitLength, zlibWrapped: true)), iter: 100);

        compressed[^1] ^= 0x01;
        var error = Assert.Throws<DiskFormatException>(() => Inflate(compressed, requiredLength: UnitLength, zlibWrapped: true));
        Assert.Contains("corrupt or truncated deflate stream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_short_of_the_required_bytes_is_an_error()
    {
        var error = Assert.Throws<DiskFormatException>(() => Inflate(Compress(new byte[100]), requiredLength: UnitLength));
        Assert.Contains("inflate to 100 bytes, short of the 65536", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Inflate(byte[] compressed, int requiredLength, bool zlibWrapped = false)
    {
        using var container = new MemoryBlockDevice(compressed);
        return UnitInflater.InflateAsync(container, 0, compressed.Length, UnitLength, requiredLength, zlibWrapped, "test", "unit", CancellationToken.None)
            .AsTask().GetAwaiter().GetResult();
    }

    private static byte[] Compress(byte[] plain, bool zlibWrapped = false)
    {
        using var output = new MemoryStream();
        using (Stream deflate = zlibWrapped
                   ? new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)
                   : new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(plain);
        }

        return output.ToArray();
    }
}
