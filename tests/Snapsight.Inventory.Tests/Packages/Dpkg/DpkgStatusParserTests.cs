using System.Text;
using Snapsight.Inventory.Packages.Dpkg;

namespace Snapsight.Inventory.Tests.Packages.Dpkg;

/// <summary>Where we are more lenient than dpkg, which refuses the whole file; each case says what we keep.</summary>
public sealed class DpkgStatusParserTests
{
    private static string[] Rows(string status, out IReadOnlyList<string> problems)
    {
        var result = DpkgStatusParser.Parse(Encoding.UTF8.GetBytes(status), "status");
        problems = result.Problems;
        return PackageRows.Dpkg(result.Packages);
    }

    [Fact]
    public void A_last_paragraph_without_a_final_newline_is_read()
    {
        Assert.Equal(["a\tinstall ok installed\t1\ta\t1\t"], Rows("Package: a\nStatus: install ok installed\nVersion: 1", out var problems));
        Assert.Empty(problems);
    }

    [Fact]
    public void CRLF_line_endings_separate_paragraphs_like_LF()
    {
        var rows = Rows("Package: a\r\nStatus: install ok installed\r\nVersion: 1\r\n\r\nPackage: b\r\nStatus: install ok installed\r\nVersion: 2\r\n", out var problems);

        Assert.Equal(["a\tinstall ok installed\t1\ta\t1\t", "b\tinstall ok installed\t2\tb\t2\t"], rows);
        Assert.Empty(problems);
    }

    [Fact]
    public void A_duplicate_package_keeps_the_later_paragraph_and_says_so()
    {
        var rows = Rows("Package: a\nStatus: install ok installed\nVersion: 1\n\nPackage: a\nStatus: install ok installed\nVersion: 2\n", out var problems);

        Assert.Equal(["a\tinstall ok installed\t2\ta\t2\t"], rows);
        Assert.Equal(["status line 5: package 'a' (no architecture) appears again; the later record is kept"], problems);
    }

    [Fact]
    public void A_paragraph_with_a_NUL_byte_is_skipped_and_the_next_is_read()
    {
        var rows = Rows("Package: a\0x\nStatus: install ok installed\nVersion: 1\n\nPackage: b\nStatus: install ok installed\nVersion: 2\n", out var problems);

        Assert.Equal(["b\tinstall ok installed\t2\tb\t2\t"], rows);
        Assert.Equal(["status line 1: paragraph skipped: NUL byte on line 1"], problems);
    }

    [Theory]
    [InlineData("Package: a\nPackage: b\nStatus: install ok installed\nVersion: 1\n", "field Package appears twice")]
    [InlineData("Package: a\nStatus: install installed\nVersion: 1\n", "is not three words")]
    [InlineData("Package: a\nStatus: install ok unheard-of\nVersion: 1\n", "unknown word 'unheard-of'")]
    [InlineData("Package: a\nStatus: install broken installed\nVersion: 1\n", "unknown word 'broken'")]
    [InlineData("Package: a\nStatus: want ok installed\nVersion: 1\n", "unknown word 'want'")]
    [InlineData(" continued\nPackage: a\nStatus: install ok installed\nVersion: 1\n", "continuation line 1 with no field before it")]
    [InlineData("Package: a\nStatus: install ok installed\nVersion:\n", "has no Version field")]
    public void A_bad_paragraph_is_skipped_with_the_reason(string status, string reason)
    {
        var rows = Rows(status + "\nPackage: z\nStatus: install ok installed\nVersion: 9\n", out var problems);

        Assert.Equal(["z\tinstall ok installed\t9\tz\t9\t"], rows);
        Assert.Contains(reason, Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_Version_on_a_not_installed_package_is_no_problem()
    {
        Assert.Empty(Rows("Package: a\nStatus: purge ok not-installed\n", out var problems));
        Assert.Empty(problems);
    }
}
