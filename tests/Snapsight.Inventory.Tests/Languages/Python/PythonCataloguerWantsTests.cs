using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Tests.FileSystems;
using Snapsight.Inventory.Languages.Python;

namespace Snapsight.Inventory.Tests.Languages.Python;

/// <summary>Which files are Python metadata, from the path alone (importlib.metadata's own patterns).</summary>
public sealed class PythonCataloguerWantsTests
{
    [Theory]
    [InlineData("/usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA", true)]
    [InlineData("/usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO", true)]
    [InlineData("/usr/lib/python3/dist-packages/pyinotify-0.9.6.egg-info", true)]
    [InlineData("/opt/venv/lib/python3.11/site-packages/pip-23.0.dist-info/METADATA", true)]
    [InlineData("/usr/lib/python3/dist-packages/six-1.16.0.dist-info/RECORD", false)]
    [InlineData("/usr/lib/python3/dist-packages/six-1.16.0.egg-info/METADATA", false)]
    [InlineData("/usr/lib/python3/dist-packages/six-1.16.0.dist-info/PKG-INFO", false)]
    [InlineData("/usr/lib/python3/dist-packages/six/METADATA", false)]
    [InlineData("/METADATA", false)]
    [InlineData("/srv/project/PKG-INFO", false)]
    public void Wants_metadata_files_only(string path, bool wanted)
    {
        var node = new FileNode(2, FileType.File, 0x1A4, 0, 0, 10, 1);

        Assert.Equal(wanted, new PythonCataloguer().Wants(new TreeEntry(path, new InMemoryFileSystem(), node)));
    }
}
