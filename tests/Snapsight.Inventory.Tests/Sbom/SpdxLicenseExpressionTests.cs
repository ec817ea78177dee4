using CsCheck;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Sbom;

namespace Snapsight.Inventory.Tests.Sbom;

/// <summary>
/// Which licence strings pass as SPDX expressions. The valid forms are the grammar of SPDX 2.3
/// annex D; the invalid ones are real licence fields from rpm and dpkg databases that are not
/// expressions (the Amazon Linux 2023 rpmdb under ../shared holds most of them).
/// </summary>
public sealed class SpdxLicenseExpressionTests
{
    [Theory]
    [InlineData("MIT", "MIT")]
    [InlineData("mit", "MIT")] // identifiers match case-insensitively and are written as the list spells them
    [InlineData("GPL-2.0-or-later", "GPL-2.0-or-later")]
    [InlineData("LGPL-2.1+", "LGPL-2.1+")]
    [InlineData("GPL-2.0+", "GPL-2.0+")] // a deprecated identifier is still an identifier
    [InlineData("Apache-2.0 OR MIT", "Apache-2.0 OR MIT")]
    [InlineData("(MIT OR Apache-2.0) AND BSD-3-Clause", "(MIT OR Apache-2.0) AND BSD-3-Clause")]
    [InlineData("  MIT   AND\t(ISC)  ", "MIT AND (ISC)")]
    public void Valid_expressions_are_kept_in_the_lists_spelling(string text, string expected) =>
        Assert.Equal(expected, SpdxLicenseExpression.Normalize(text));

    [Theory]
    [InlineData("GPLv2+")]
    [InlineData("GPLv2+ and LGPLv2+")]
    [InlineData("MIT and BSD")] // operators are upper case in SPDX expressions
    [InlineData("Public Domain")]
    [InlineData("ASL 2.0")]
    [InlineData("GPL-2.0-only WITH Classpath-exception-2.0")] // no exception list with us: refused rather than guessed
    [InlineData("LGPL-2.1-or-later AND LicenseRef-Fedora-Public-Domain")]
    [InlineData("MIT OR")]
    [InlineData("(MIT")]
    [InlineData("MIT)")]
    [InlineData("()")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Free_text_and_broken_expressions_are_not_expressions(string? text) =>
        Assert.Null(SpdxLicenseExpression.Normalize(text));

    [Fact]
    public void Any_and_or_tree_of_listed_identifiers_is_valid_and_comes_back_unchanged()
    {
        var id = Gen.OneOfConst("MIT", "Apache-2.0", "GPL-2.0-only", "BSD-3-Clause", "LGPL-2.1-or-later", "0BSD", "GPL-3.0+");
        var expression = Gen.Recursive<string>((depth, inner) => depth >= 4
            ? id
            : Gen.Frequency(
                (3, id),
                (1, Gen.Select(inner, Gen.OneOfConst(" AND ", " OR "), inner, (a, op, b) => a + op + b)),
                (1, inner.Select(e => $"({e})"))));
        expression.Sample(text => Assert.Equal(text, SpdxLicenseExpression.Normalize(text)));
    }

    [Fact]
    public void Whatever_comes_back_is_itself_a_valid_expression()
    {
        var token = Gen.OneOfConst("MIT", "mit", "AND", "OR", "WITH", "(", ")", " ", "+", "GPLv2", "Apache-2.0", "\t", "LicenseRef-x");
        Gen.OneOf(Gen.String, token.Array[0, 32].Select(string.Concat)).Sample(text =>
        {
            if (SpdxLicenseExpression.Normalize(text) is { } normal)
            {
                Assert.Equal(normal, SpdxLicenseExpression.Normalize(normal));
            }
        });
    }

    [Theory]
    [InlineData(100_000, "(")]
    [InlineData(17, "(")] // one level deeper than we follow
    [InlineData(200_000, "MIT AND ")]
    public void Hostile_licence_fields_are_refused_within_the_bar(int repeat, string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, repeat)) + "MIT" + (unit == "(" ? new string(')', repeat) : "");
        HostileInput.Run(_ =>
        {
            Assert.Null(SpdxLicenseExpression.Normalize(text));
            return Task.CompletedTask;
        });
    }
}
