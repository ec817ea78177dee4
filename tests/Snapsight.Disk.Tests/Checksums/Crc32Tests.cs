using System.Text;
using CsCheck;
using Snapsight.Disk.Checksums;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.Checksums;

public sealed class Crc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("123456789", 0xCBF43926u)] // the CRC catalogue's check value for CRC-32/ISO-HDLC
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Ieee_matches_published_check_values(string text, uint expected) =>
        Assert.Equal(expected, Crc32.Ieee(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void Table_driven_update_matches_the_bitwise_definition_for_any_seed_and_data() =>
        Gen.Select(Gen.UInt, Gen.Byte.Array[0, 600]).Sample((seed, data) =>
            Assert.Equal(BitwiseCrc32.Register(seed, data), Crc32.Update(seed, data)));

    [Fact]
    public void Ieee_matches_python_zlib_on_random_data()
    {
        var random = new Random(7);
        var samples = Enumerable.Range(0, 8).Select(i => { var b = new byte[random.Next(0, 2000)]; random.NextBytes(b); return b; }).ToArray();
        var script = "import sys,zlib\nfor line in sys.stdin: print(zlib.crc32(bytes.fromhex(line.strip())))";
        var input = string.Join('\n', samples.Select(Convert.ToHexString)) + "\n";
        var lines = Tool.Run("python3", ["-c", script], input, null).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(samples.Length, lines.Length);
        for (var i = 0; i < samples.Length; i++)
        {
            Assert.Equal(uint.Parse(lines[i]), Crc32.Ieee(samples[i]));
        }
    }
}
