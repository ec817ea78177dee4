using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Tests.FileSystems;
using Snapsight.Inventory.Languages.Npm;

namespace Snapsight.Inventory.Tests.Languages.Npm;

/// <summary>Which package.json files are installed packages, from the path alone (npm's node_modules layout).</summary>
public sealed class NpmCataloguerWantsTests
{
    [Theory]
    [InlineData("/app/node_modules/express/package.json", true)]
    [InlineData("/app/node_modules/@babel/code-frame/package.json", true)]
    [InlineData("/app/node_modules/express/node_modules/debug/package.json", true)]
    [InlineData("/app/node_modules/a/node_modules/@s/b/node_modules/c/package.json", true)]
    [InlineData("/usr/lib/node_modules/npm/package.json", true)]
    [InlineData("/node_modules/x/package.json", true)]
    [InlineData("/app/node_modules/.pnpm/x@1.0.0/node_modules/x/package.json", true)]
    [InlineData("/app/package.json", false)]
    [InlineData("/app/node_modules/package.json", false)]
    [InlineData("/app/node_modules/tslib/modules/package.json", false)]
    [InlineData("/app/node_modules/@babel/runtime/helpers/esm/package.json", false)]
    [InlineData("/app/node_modules/@scope/package.json", false)]
    [InlineData("/app/node_modules/.cache/package.json", false)]
    [InlineData("/app/node_modules/@/x/package.json", false)]
    [InlineData("/app/node_modules/express/package.json.bak", false)]
    [InlineData("/app/node_modules/express/Package.json", false)]
    public void Wants_package_folders_directly_in_node_modules(string path, bool wanted)
    {
        var node = new FileNode(2, FileType.File, 0x1A4, 0, 0, 10, 1);

        Assert.Equal(wanted, new NpmCataloguer().Wants(new TreeEntry(path, new InMemoryFileSystem(), node)));
    }
}
