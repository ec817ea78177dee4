using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Inventory.Tests.Languages;

/// <summary>
/// Which dpkg package installed each Python package's manifest, against dpkg's own answer:
/// <c>dpkg-query -S</c> over the same tree's dpkg records (Debian's python3-* packages, with the
/// status and info/*.list dpkg keeps for them).
/// </summary>
public sealed class LanguagePackageOwnersTests
{
    [Fact]
    public async Task Every_python_package_is_owned_by_the_package_dpkg_query_names()
    {
        var root = LanguageFixtures.Path("python-root");
        using var host = new HostDirectoryFileSystem(root);
        var inventory = await InventoryCollector.CollectAsync(new FileTree(host));

        var python = inventory.Packages.Where(p => p.Package.Type == "python").ToList();
        Assert.NotEmpty(python);
        foreach (var package in python)
        {
            var answer = Tool.Run("dpkg-query", $"--admindir={root}/var/lib/dpkg", "-S", package.Package.Location).Trim();
            Assert.Equal(answer.Split(':')[0], package.Package.OwnedBy);
        }

        Assert.All(inventory.Packages.Where(p => p.Package.Type == "dpkg"), p => Assert.Null(p.Package.OwnedBy));
    }
}
