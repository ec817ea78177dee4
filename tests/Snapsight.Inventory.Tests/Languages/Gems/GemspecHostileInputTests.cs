using System.Text;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Tests.FileSystems;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Languages.Gems;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Tests.Languages.Gems;

/// <summary>Crafted gemspecs: each is read within the hostile-input bar to a partial result naming what was not read.</summary>
public sealed class GemspecHostileInputTests
{
    private const string Header = "Gem::Specification.new do |s|\n";
    private const string Good = "  s.name = \"good\".freeze\n  s.version = \"1.0\"\n";

    private static PackageDatabaseParseResult ParseWithinBar(string gemspec) => ParseWithinBar(Encoding.UTF8.GetBytes(gemspec));

    private static PackageDatabaseParseResult ParseWithinBar(byte[] gemspec)
    {
        PackageDatabaseParseResult? result = null;
        Assert.Null(HostileInput.Run(_ =>
        {
            result = GemspecParser.Parse(gemspec, "/x.gemspec");
            return Task.CompletedTask;
        }));
        return result!;
    }

    [Fact]
    public void A_10_MiB_files_line_is_passed_over_unread()
    {
        var result = ParseWithinBar(Header + Good + "  s.files = [\"" + new string('x', 10 << 20) + "\"]\nend\n");

        Assert.Equal("good 1.0", $"{Assert.Single(result.Packages).Name} {result.Packages[0].Version}");
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void A_10_MiB_name_is_not_read()
    {
        var result = ParseWithinBar(Header + "  s.name = \"" + new string('x', 10 << 20) + "\"\n  s.version = \"1\"\n");

        Assert.Empty(result.Packages);
        Assert.Contains("the name assignment is longer than 1048576 bytes", result.Problems[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  s.name = \"ev\0il\"\n")] // a raw NUL
    [InlineData("  s.name = \"ev\\u0000il\"\n")] // an escaped one
    [InlineData("  s.name = \"ev\\x00il\".freeze\n")]
    [InlineData("  s.name = \"\"\n")]
    public void A_name_with_NUL_bytes_or_none_at_all_lists_no_gem(string nameLine)
    {
        var result = ParseWithinBar(Header + nameLine + "  s.version = \"1.0\"\n");

        Assert.Empty(result.Packages);
        Assert.Contains("the name", Assert.Single(result.Problems), StringComparison.Ordinal);
        Assert.Contains("is empty or holds control characters; the gem is not listed", result.Problems[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"unterminated", "an unterminated string")]
    [InlineData("'unterminated\\'", "an unterminated string")]
    [InlineData("%q{unterminated{}", "an unterminated string")]
    [InlineData("\"ends in a backslash\\", "an unterminated string")]
    [InlineData("\"#{ENV['HOME']}\"", "interpolation")]
    [InlineData("\"a\" + \"b\"", "an expression only Ruby can evaluate")]
    [InlineData("File.read(\"NAME\")", "not a string literal")]
    [InlineData("\"\\u{110000}\"", "an escape \\u that is not read")]
    [InlineData("\"\\xZZ\"", "an escape \\x that is not read")]
    [InlineData("\"\\C-a\"", "an escape \\C that is not read")]
    [InlineData("\"\\xFF\\xFE\"", "not valid UTF-8")]
    public void A_name_that_is_not_a_plain_literal_is_a_problem_not_a_guess(string value, string problem)
    {
        var result = ParseWithinBar(Header + "  s.name = " + value + "\n  s.version = \"1.0\"\n");

        Assert.Empty(result.Packages);
        Assert.Contains(problem, result.Problems[0], StringComparison.Ordinal);
        Assert.Contains("no name that can be read without running Ruby", result.Problems[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  s.version = \"1..2\"\n", "is not one RubyGems accepts")]
    [InlineData("  s.version = Gem::Version.new(\"1.0\"\n", "missing its closing ')'")]
    [InlineData("", "no version that can be read")]
    public void A_version_RubyGems_would_refuse_or_none_lists_no_gem(string versionLine, string problem)
    {
        var result = ParseWithinBar(Header + "  s.name = \"x\"\n" + versionLine);

        Assert.Empty(result.Packages);
        Assert.Contains(problem, result.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_licences_are_a_problem_but_the_gem_is_still_listed()
    {
        var tooMany = "[" + string.Join(", ", Enumerable.Repeat("\"MIT\"", GemspecParser.MaxLicences + 1)) + "]";
        var result = ParseWithinBar(Header + Good + "  s.licenses = " + tooMany + "\n  s.license = [\"MIT\"\n");

        Assert.Equal("good", Assert.Single(result.Packages).Name);
        Assert.Null(result.Packages[0].Licence);
        Assert.Contains($"more than {GemspecParser.MaxLicences} licences", result.Problems[0], StringComparison.Ordinal);
        Assert.Contains("missing its closing ']'", result.Problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_flood_of_broken_assignments_makes_one_gem_and_a_bounded_problem_list()
    {
        var flood = string.Concat(Enumerable.Repeat("s.name = \"unterminated\n", 100_000));
        var result = ParseWithinBar(Header + flood + Good);

        Assert.Equal("good", Assert.Single(result.Packages).Name);
        Assert.Equal(PackageDatabaseLimits.Default.MaxProblems + 1, result.Problems.Count);
    }

    [Fact]
    public void A_byte_order_mark_and_CRLF_line_endings_are_read_through()
    {
        var result = ParseWithinBar([.. "\uFEFF"u8, .. Encoding.UTF8.GetBytes((Header + Good).Replace("\n", "\r\n", StringComparison.Ordinal))]);

        Assert.Equal("good 1.0", $"{Assert.Single(result.Packages).Name} {result.Packages[0].Version}");
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Random_bytes_never_escape_as_an_exception()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 4096)];
            random.NextBytes(bytes);
            var withAssignment = Encoding.UTF8.GetBytes("s.name = \"").Concat(bytes).ToArray();
            _ = ParseWithinBar(withAssignment);
        }
    }

    [Fact]
    public void The_walk_offers_only_specifications_folders()
    {
        var cataloguer = new GemCataloguer();
        bool Wants(string path) => cataloguer.Wants(new TreeEntry(path, new InMemoryFileSystem(), new FileNode(2, FileType.File, 0x1A4, 0, 0, 0, 1)));

        Assert.True(Wants("/var/lib/gems/3.1.0/specifications/rack-2.2.22.gemspec"));
        Assert.True(Wants("/usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec"));
        Assert.False(Wants("/var/lib/gems/3.1.0/gems/rack-2.2.22/rack.gemspec"));
        Assert.False(Wants("/srv/app/default/x.gemspec"));
        Assert.False(Wants("/var/lib/gems/3.1.0/specifications/README"));
    }
}
