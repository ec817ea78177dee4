using Snapsight.Inventory.Packages.Dpkg;

namespace Snapsight.Inventory.Tests.Packages.Dpkg;

/// <summary>One line per case of how versions and sources print; DpkgQueryOracleTests checks the common ones against dpkg-query itself.</summary>
public sealed class DpkgFieldTextTests
{
    [Theory]
    [InlineData("1.0-1", "1.0-1")]
    [InlineData("0:1.0-1", "1.0-1")]
    [InlineData("2:1.0", "2:1.0")]
    [InlineData("01:1.0", "1:1.0")]
    [InlineData("1.0+dfsg:x", "1.0+dfsg:x")] // not an epoch: dpkg would refuse it; printed as written
    public void Versions_print_with_the_epoch_as_a_number(string written, string printed) =>
        Assert.Equal(printed, DpkgVersionText.Normalize(written));

    [Theory]
    [InlineData(null, "pkg", "1.0")]
    [InlineData("src", "src", "1.0")]
    [InlineData("src (2.0-1)", "src", "2.0-1")]
    [InlineData("src (0:2.0)", "src", "2.0")]
    [InlineData("src ( 3:2.0 )", "src", "3:2.0")]
    [InlineData("src (2.0", "src", "2.0")]
    [InlineData("src ()", "src", "1.0")]
    public void Source_defaults_to_the_package_and_its_version(string? source, string name, string version) =>
        Assert.Equal((name, version), DpkgSourceField.Read(source, "pkg", "1.0"));
}
