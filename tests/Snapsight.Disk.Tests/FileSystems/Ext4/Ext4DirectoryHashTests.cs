using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Snapsight.Disk.FileSystems.Ext4;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>Our htree hashes against e2fsprogs' own: <c>debugfs -R "dx_hash -h VERSION -s SEED NAME"</c>.</summary>
public sealed partial class Ext4DirectoryHashTests(Ext4SmallImages images) : IClassFixture<Ext4SmallImages>
{
    private const string Seed = "12345678-9abc-def0-1234-56789abcdef0";

    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        string[] names =
        [
            "a", "ab", "abc", "abcd", "file_with_a_longish_name_1234", "ünïcødé-ファイル", "exactly_sixteen_", "exactly-thirty-two-bytes-long-xx",
            "a name that is longer than thirty-two bytes, to take a second round", "\u00ff\u00fe\u00e9",
        ];
        for (var version = 0; version <= 5; version++)
        {
            foreach (var name in names)
            {
                data.Add(version, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_debugfs_dx_hash(int version, string name)
    {
        var output = Tool.Run("debugfs", "-R", $"dx_hash -h {version} -s {Seed} \"{name}\"", images.Ext4);
        var match = HashPattern().Match(output);
        Assert.True(match.Success, output);
        var expected = uint.Parse(match.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

        // s_hash_seed is the UUID's 16 bytes read as four little-endian words, as debugfs parses -s.
        var seedBytes = Convert.FromHexString(Seed.Replace("-", "", StringComparison.Ordinal));
        uint[] seed = [.. Enumerable.Range(0, 4).Select(i => BitConverter.ToUInt32(seedBytes, i * 4))];
        Assert.Equal(expected & ~1u, Ext4DirectoryHash.Major(Encoding.UTF8.GetBytes(name), version, seed));
    }

    [GeneratedRegex(@"is 0x([0-9a-f]+)")]
    private static partial Regex HashPattern();
}
