using CsCheck;
using Snapsight.Inventory.Os;

namespace Snapsight.Inventory.Tests.Os;

/// <summary>The os-release(5) syntax, one rule per case, and that no text makes the parser throw.</summary>
public sealed class OsReleaseParserTests
{
    [Theory]
    [InlineData("ID=debian", "debian")]
    [InlineData("ID=\"debian\"", "debian")]
    [InlineData("ID='debian'", "debian")]
    [InlineData("ID=\"a \\\"quoted\\\" \\$word\\\\ \\`x\\`\"", "a \"quoted\" $word\\ `x`")]
    [InlineData("ID=\"back\\slash\"", "back\\slash")] // only $ " \ ` are escapes inside double quotes
    [InlineData("ID='no \\escapes'", "no \\escapes")]
    [InlineData("ID=\"joined\"'pieces'", "joinedpieces")]
    [InlineData("ID=unquoted\\ space", "unquoted space")]
    [InlineData("  ID=debian  \r", "debian")] // CRLF files and stray indentation
    public void A_value_is_unquoted_as_the_shell_would(string line, string expected)
    {
        Assert.Equal(expected, OsReleaseParser.Parse(line).Values["ID"]);
    }

    [Theory]
    [InlineData("ID=\"open quote")] // unterminated
    [InlineData("ID=two words")] // the shell would run "words"
    [InlineData("ID=de\0bian")] // NUL: no release file has one
    [InlineData("1D=debian")] // a name cannot start with a digit
    [InlineData("I-D=debian")]
    [InlineData("=debian")]
    [InlineData("just text")]
    public void A_line_outside_the_format_is_counted_and_skipped(string line)
    {
        var fields = OsReleaseParser.Parse(line + "\nNAME=x\n");

        Assert.Equal(1, fields.IgnoredLines);
        Assert.Equal(["NAME"], fields.Values.Keys);
    }

    [Fact]
    public void Comments_and_blank_lines_are_not_values_and_the_last_assignment_wins()
    {
        var fields = OsReleaseParser.Parse("# VERSION=\"20220412\"\n\nID=first\n   # indented comment\nID=second");

        Assert.Equal(0, fields.IgnoredLines);
        Assert.Equal("second", fields.Get("ID"));
        Assert.Null(fields.Get("VERSION"));
    }

    [Fact]
    public void An_empty_value_counts_as_absent()
    {
        Assert.Null(OsReleaseParser.Parse("VERSION_CODENAME=\"\"").Get("VERSION_CODENAME"));
    }

    [Fact]
    public void Random_text_never_makes_the_parser_throw()
    {
        var releaseLike = Gen.OneOfConst("ID", "=", "\"", "'", "\\", "\n", "#", " ", "\0", "\r", "debian", "$", "`", "(", ")");
        var text = Gen.OneOf(Gen.String, releaseLike.Array[0, 64].Select(parts => string.Concat(parts)));
        text.Sample(input =>
        {
            var fields = OsReleaseParser.Parse(input);
            _ = OsReleaseInterpreter.Interpret("/etc/os-release", fields);
            _ = LsbReleaseParser.Parse("/etc/lsb-release", input);
        });
    }

    [Fact]
    public void Random_text_never_makes_a_distro_file_parser_throw()
    {
        Gen.String.Sample(input =>
        {
            foreach (var file in ReleaseFiles.DistroSpecific)
            {
                _ = file.Parse(file.Path, input);
            }

            _ = UbuntuEsmStatus.Parse(input);
        });
    }
}
