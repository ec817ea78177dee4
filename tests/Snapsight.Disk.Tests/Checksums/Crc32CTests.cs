using CsCheck;
using Snapsight.Disk.Checksums;
using Snapsight.Disk.Images.Vhdx;

namespace Snapsight.Disk.Tests.Checksums;

public sealed class Crc32CTests
{
    // Published check values: RFC 3720 appendix B.4 (iSCSI) and the CRC catalogue's "check" for CRC-32/ISCSI.
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("123456789", 0xE3069283u)]
    [InlineData("a", 0xC1D04330u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0x22620404u)]
    public void Known_vectors(string text, uint expected) =>
        Assert.Equal(expected, Crc32C.Compute(System.Text.Encoding.ASCII.GetBytes(text)));

    [Theory]
    [InlineData(0x00, 0x8A9136AAu)] // RFC 3720 B.4: 32 bytes of zeros
    [InlineData(0xFF, 0x62A8AB43u)] // RFC 3720 B.4: 32 bytes of 0xFF
    public void Rfc3720_vectors(byte fill, uint expected) =>
        Assert.Equal(expected, Crc32C.Compute(Enumerable.Repeat(fill, 32).ToArray()));

    [Fact]
    public void Rfc3720_incrementing_and_decrementing_vectors()
    {
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        Assert.Equal(0x113FDB5Cu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray()));
    }

    [Fact]
    public void Zeroing_the_checksum_field_equals_computing_over_a_copy_with_that_field_zeroed()
    {
        Gen.Select(Gen.Byte.Array[4, 300], Gen.Int[0, 296]).Sample((bytes, field) =>
        {
            field = Math.Min(field, bytes.Length - 4);
            var copy = (byte[])bytes.Clone();
            copy.AsSpan(field, 4).Clear();
            Assert.Equal(Crc32C.Compute(copy), Crc32C.ComputeWithZeroedField(bytes, field));
        });
    }

    [Fact]
    public void A_single_flipped_bit_changes_the_checksum()
    {
        Gen.Select(Gen.Byte.Array[1, 200], Gen.Int[0, 1599]).Sample((bytes, bit) =>
        {
            bit %= bytes.Length * 8;
            var flipped = (byte[])bytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(Crc32C.Compute(bytes), Crc32C.Compute(flipped));
        });
    }

    [Fact]
    public void The_processor_instruction_and_the_table_agree()
    {
        Gen.Select(Gen.UInt, Gen.Byte.Array[0, 300]).Sample((seed, bytes) =>
            Assert.Equal(Crc32C.UpdateWithTable(seed, bytes), Crc32C.Update(seed, bytes)));
    }
}
