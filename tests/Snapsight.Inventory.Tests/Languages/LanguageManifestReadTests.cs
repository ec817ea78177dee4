using Snapsight.Disk.Tests.FileSystems;
using Snapsight.Inventory.Languages.Npm;
using Snapsight.Inventory.Languages.Python;

namespace Snapsight.Inventory.Tests.Languages;

/// <summary>The Python and npm cataloguers open their manifests and nothing else of the trees they walk.</summary>
public sealed class LanguageManifestReadTests
{
    private const string Site = "/usr/lib/python3/dist-packages";
    private const string App = "/srv/web/node_modules";

    private static readonly string[] Manifests =
    [
        $"{Site}/six-1.16.0.dist-info/METADATA",
        $"{Site}/idna-3.3.egg-info/PKG-INFO",
        $"{Site}/pyinotify-0.9.6.egg-info",
        $"{App}/express/package.json",
        $"{App}/@babel/code-frame/package.json",
        $"{App}/express/node_modules/debug/package.json",
        $"{App}/tslib/package.json",
    ];

    private static readonly string[] Others =
    [
        $"{Site}/six-1.16.0.dist-info/RECORD",
        $"{Site}/six-1.16.0.dist-info/WHEEL",
        $"{Site}/idna-3.3.egg-info/top_level.txt",
        $"{Site}/six.py",
        $"{Site}/idna/__init__.py",
        $"{App}/express/index.js",
        $"{App}/express/README.md",
        $"{App}/tslib/modules/package.json",
        $"{App}/.package-lock.json",
        "/srv/web/package.json",
    ];

    [Fact]
    public async Task Only_manifests_are_opened()
    {
        var fileSystem = new InMemoryFileSystem();
        foreach (var manifest in Manifests)
        {
            fileSystem.File(manifest, manifest.EndsWith("package.json", StringComparison.Ordinal)
                ? """{"name":"n","version":"1.0.0"}"""
                : "Name: n\nVersion: 1.0\n\n");
        }

        foreach (var other in Others)
        {
            fileSystem.File(other, "{}");
        }

        var output = await LanguageWalk.RunAsync(fileSystem.Tree(), new PythonCataloguer(), new NpmCataloguer());

        Assert.Equal(Manifests.Order(StringComparer.Ordinal), output.Packages.Select(p => p.Location).Order(StringComparer.Ordinal));
        Assert.Equal(Manifests.Order(StringComparer.Ordinal), fileSystem.Opened.Where(path => Manifests.Contains(path) || Others.Contains(path)).Order(StringComparer.Ordinal));
        Assert.Empty(output.Gaps);
    }
}
