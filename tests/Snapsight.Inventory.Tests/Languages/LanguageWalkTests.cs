using CsCheck;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Tests.FileSystems;
using Snapsight.Inventory.Analyzers;
using Snapsight.Inventory.Languages;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Tests.Languages;

/// <summary>The walk offers each file under the install roots exactly once, and nothing else.</summary>
public sealed class LanguageWalkTests
{
    [Fact]
    public async Task Files_under_the_roots_are_offered_and_files_elsewhere_are_not()
    {
        var fs = new InMemoryFileSystem()
            .File("/opt/tool/manifest.txt", "a")
            .File("/usr/lib/python3.11/site-packages/x/manifest.txt", "b")
            .File("/usr/lib/python3.11/encodings/manifest.txt", "not a root")
            .File("/usr/bin/manifest.txt", "not a root")
            .File("/home/me/.git/manifest.txt", "version control")
            .File("/srv/app/__pycache__/manifest.txt", "cache");

        var output = await Analyze(fs, new RecordingCataloguer());

        Assert.Equal(
            ["/opt/tool/manifest.txt", "/usr/lib/python3.11/site-packages/x/manifest.txt"],
            output.Packages.Select(p => p.Location).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_root_reached_twice_through_a_link_is_walked_once()
    {
        var fs = new InMemoryFileSystem()
            .File("/usr/lib/python3.11/site-packages/x/manifest.txt", "b")
            .Directory("/usr/lib64")
            .Symlink("/usr/lib64/python3.11", "/usr/lib/python3.11")
            .Symlink("/app", "/opt")
            .File("/opt/y/manifest.txt", "c");

        var output = await Analyze(fs, new RecordingCataloguer());

        Assert.Equal(
            ["/opt/y/manifest.txt", "/usr/lib/python3.11/site-packages/x/manifest.txt"],
            output.Packages.Select(p => p.Location).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_cataloguer_that_fails_costs_its_file_and_the_others_still_read()
    {
        var fs = new InMemoryFileSystem().File("/opt/a/manifest.txt", "a").File("/opt/b/manifest.txt", "b");

        var output = await Analyze(fs, new RecordingCataloguer(failOn: "/opt/a/manifest.txt"), new RecordingCataloguer());

        Assert.Equal(3, output.Packages.Count);
        var gap = Assert.Single(output.Gaps);
        Assert.Equal("/opt/a/manifest.txt", gap.Where);
        Assert.Contains("recording: crafted failure", gap.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_outside_the_roots_is_read()
    {
        var fs = new InMemoryFileSystem().File("/usr/bin/manifest.txt", "x").File("/var/lib/manifest.txt", "y").File("/opt/z/manifest.txt", "z");

        await Analyze(fs, new RecordingCataloguer());

        // Outside the roots only the parents of root patterns are listed (/var/lib, for /var/lib/tomcat*), never anything below them.
        Assert.DoesNotContain(fs.Opened, path => path.StartsWith("/usr/bin", StringComparison.Ordinal) || path.StartsWith("/var/lib/", StringComparison.Ordinal));
    }

    /// <summary>
    /// Property: for any set of files spread over root and non-root directories, the files
    /// offered are exactly those under a root, by plain prefix matching done here.
    /// </summary>
    [Fact]
    public void Offered_files_are_exactly_those_under_a_root()
    {
        string[] parents = ["/opt", "/opt/x/y", "/usr/local/lib", "/usr/lib/python3.12/site-packages/p", "/usr/lib/python3.12/lib-dynload",
            "/usr/share/java", "/usr/share/doc", "/var/lib/gems/3.1.0", "/var/log", "/home/u", "/etc", "/usr/lib/node_modules/a/node_modules/b"];
        string[] rootPrefixes = ["/opt/", "/usr/local/", "/usr/lib/python3.12/site-packages/", "/usr/share/java/", "/var/lib/gems/", "/home/", "/usr/lib/node_modules/"];
        var files = Gen.Select(Gen.Int[0, parents.Length - 1], Gen.Int[0, 3]).Array[0, 20]
            .Select(picks => picks.Select(p => $"{parents[p.Item1]}/f{p.Item2}.manifest.txt").Distinct().ToArray());

        files.Sample(paths =>
        {
            var fs = new InMemoryFileSystem();
            foreach (var path in paths)
            {
                fs.File(path, path);
            }

            var output = Analyze(fs, new RecordingCataloguer()).GetAwaiter().GetResult();
            var expected = paths.Where(p => rootPrefixes.Any(r => p.StartsWith(r, StringComparison.Ordinal))).Order(StringComparer.Ordinal);
            Assert.Equal(expected, output.Packages.Select(p => p.Location).Order(StringComparer.Ordinal));
        }, iter: 200);
    }

    private static Task<AnalyzerOutput> Analyze(InMemoryFileSystem fs, params ILanguageCataloguer[] cataloguers) =>
        new LanguageAnalyzer(cataloguers).AnalyzeAsync(fs.Tree(), CancellationToken.None);

    /// <summary>Claims every file whose name ends in "manifest.txt" and reports it as one package; can be told to fail on one.</summary>
    private sealed class RecordingCataloguer(string? failOn = null) : ILanguageCataloguer
    {
        public string Id => "recording";

        public bool Wants(TreeEntry file) => file.Path.EndsWith("manifest.txt", StringComparison.Ordinal);

        public Task<AnalyzerOutput> ReadAsync(FileTree tree, TreeEntry file, CancellationToken cancellationToken) =>
            file.Path == failOn
                ? throw new InvalidDataException("crafted failure")
                : Task.FromResult(new AnalyzerOutput([new InstalledPackage { Type = "test", Name = file.Path, Version = "1", Location = file.Path }], []));
    }
}
