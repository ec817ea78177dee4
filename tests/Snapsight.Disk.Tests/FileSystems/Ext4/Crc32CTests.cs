using System.Text;
using Snapsight.Disk.FileSystems.Ext4;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

public sealed class Crc32CTests
{
    [Theory]
    // The check value of CRC-32C in the CRC catalogue (reveng "CRC-32/ISCSI") and RFC 3720's zero vectors.
    [InlineData("123456789", 0xE3069283u)]
    [InlineData("", 0x00000000u)]
    public void Matches_the_published_check_values(string text, uint expected) =>
        Assert.Equal(expected, Crc32C.Compute(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Matches_rfc3720_thirty_two_zero_bytes_and_ones()
    {
        // RFC 3720 appendix B.4: 32 bytes of zeros → 0x8A9136AA, 32 bytes of 0xFF → 0x62A8AB43.
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
    }
}
