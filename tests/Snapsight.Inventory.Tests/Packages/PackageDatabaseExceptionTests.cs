using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Tests.Packages;

public sealed class PackageDatabaseExceptionTests
{
    [Fact]
    public void A_package_database_error_is_a_disk_format_error_naming_where()
    {
        var error = new PackageDatabaseException("rpm", "rpm.header", 16, "tag count 70000 is over rpm's 65535");
        Assert.IsAssignableFrom<Snapsight.Disk.DiskFormatException>(error);
        Assert.Equal("rpm: bad rpm.header at offset 16: tag count 70000 is over rpm's 65535", error.Message);
    }
}
