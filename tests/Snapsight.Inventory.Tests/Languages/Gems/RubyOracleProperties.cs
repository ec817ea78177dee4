using System.Text;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Languages.Gems;

namespace Snapsight.Inventory.Tests.Languages.Gems;

/// <summary>
/// Random strings and versions put through Ruby itself: every string literal Ruby writes
/// (String#dump, as RubyGems' to_ruby does, and String#inspect) must read back to the string,
/// and every version must come out as Gem::Version prints it, or be refused where it raises.
/// </summary>
public sealed class RubyOracleProperties
{
    private const int Samples = 2000;

    [Fact]
    public void Strings_read_back_from_what_Ruby_dump_and_inspect_write()
    {
        var random = new Random(20261127);
        var strings = Enumerable.Range(0, Samples).Select(_ => RandomText(random)).ToList();
        // Hex carries the strings to Ruby without any quoting of ours.
        var input = string.Join('\n', strings.Select(s => Convert.ToHexString(Encoding.UTF8.GetBytes(s)))) + "\n";

        var written = Tool.Run("ruby", ["-e", "STDIN.each_line { |l| s = [l.chomp].pack('H*').force_encoding('UTF-8'); puts s.dump, s.inspect }"], input, null)
            .Split('\n');

        for (var i = 0; i < strings.Count; i++)
        {
            foreach (var literal in new[] { written[2 * i], written[(2 * i) + 1] })
            {
                ReadOnlySpan<byte> text = Encoding.UTF8.GetBytes(literal + ".freeze");
                Assert.True(RubyStringLiteral.TryRead(ref text, out var value, out var problem), $"{literal}: {problem}");
                Assert.Equal(strings[i], value);
                Assert.True(text.IsEmpty);
            }
        }
    }

    [Fact]
    public void Versions_come_out_as_Gem_Version_prints_them()
    {
        var random = new Random(11);
        const string alphabet = "0123456789..--abZ \t";
        var versions = Enumerable.Range(0, Samples)
            .Select(_ => new string([.. Enumerable.Range(0, random.Next(0, 9)).Select(_ => alphabet[random.Next(alphabet.Length)])]))
            .ToList();
        var input = string.Join('\n', versions) + "\n";

        var printed = Tool.Run("ruby", ["-e", "STDIN.each_line { |l| puts((Gem::Version.new(l.chomp).to_s rescue '(refused)')) }"], input, null)
            .Split('\n');

        for (var i = 0; i < versions.Count; i++)
        {
            Assert.True(printed[i] == (GemVersion.Normalize(versions[i]) ?? "(refused)"), $"'{versions[i]}': RubyGems '{printed[i]}', ours '{GemVersion.Normalize(versions[i])}'");
        }
    }

    /// <summary>Mostly ASCII (quotes, backslashes, '#', '{' and control characters included), some of every plane.</summary>
    private static string RandomText(Random random)
    {
        var text = new StringBuilder();
        for (var n = random.Next(0, 16); n > 0; n--)
        {
            var codePoint = random.Next(4) switch
            {
                0 => "\"\\#{}'$@\0\x7F\u0085"[random.Next(11)],
                1 or 2 => random.Next(0, 0x80),
                _ => random.Next(0x80, 0x110000),
            };
            if (codePoint is < 0xD800 or > 0xDFFF)
            {
                text.Append(char.ConvertFromUtf32(codePoint));
            }
        }

        return text.ToString();
    }
}
