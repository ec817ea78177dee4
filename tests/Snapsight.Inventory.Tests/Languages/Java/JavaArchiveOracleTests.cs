using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;
using Snapsight.Inventory.Languages;
using Snapsight.Inventory.Languages.Java;

namespace Snapsight.Inventory.Tests.Languages.Java;

/// <summary>
/// Debian's real jars, and a war, an ear, a Spring-Boot-like jar and a shaded jar the JDK's
/// jar tool assembled from them, read through the language walk; the expected packages are
/// what Python's zipfile module reads from the same files (zipfile-oracle.py beside this file).
/// </summary>
public sealed class JavaArchiveOracleTests
{
    private static async Task<(string[] Packages, string[] Gaps)> WalkAsync()
    {
        using var host = new HostDirectoryFileSystem(JavaFixtures.Tree);
        var output = await new LanguageAnalyzer([new JavaArchiveCataloguer()]).AnalyzeAsync(new FileTree(host), CancellationToken.None);
        return (
            [.. output.Packages.Select(p => $"{p.Name}@{p.Version} {p.Location}").Order(StringComparer.Ordinal)],
            [.. output.Gaps.Select(g => $"{g.Where}: {g.Reason}")]);
    }

    [Fact]
    public async Task The_walk_finds_what_zipfile_reads_from_every_archive()
    {
        var expected = JavaFixtures.Oracle("usr/share/java", "opt").Order(StringComparer.Ordinal).ToArray();

        var (packages, gaps) = await WalkAsync();

        Assert.Empty(gaps);
        Assert.Equal(expected, packages);
    }

    [Fact]
    public async Task Nested_archives_are_found_at_every_level_the_fixtures_hold()
    {
        // Guards the comparison above against an oracle and a reader that both miss nesting.
        var (packages, _) = await WalkAsync();

        Assert.Contains("commons-io:commons-io@2.11.0 /opt/app/app.ear!/app.war!/WEB-INF/lib/commons-io.jar", packages);
        Assert.Contains("com.fasterxml.jackson.core:jackson-core@2.14.1 /opt/app/boot.jar!/BOOT-INF/lib/jackson-core.jar", packages);
        Assert.Equal(2, packages.Count(p => p.EndsWith(" /opt/app/shaded.jar", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_jar_behind_a_launch_script_is_read_like_the_jar_alone()
    {
        var (packages, _) = await WalkAsync();

        string[] Inside(string jar) => [.. packages.Where(p => p.Contains($" /opt/app/{jar}!", StringComparison.Ordinal)).Select(p => p.Replace(jar, "x", StringComparison.Ordinal))];
        Assert.NotEmpty(Inside("launcher.jar"));
        Assert.Equal(Inside("boot.jar"), Inside("launcher.jar"));
    }

    [Fact]
    public async Task Versioned_links_to_a_jar_do_not_list_it_twice()
    {
        // Debian installs commons-io-2.11.0.jar as a link to commons-io.jar; the walk offers regular files only.
        var (packages, _) = await WalkAsync();

        Assert.Single(packages, p => p.StartsWith("commons-io:commons-io@2.11.0 /usr/share/java/", StringComparison.Ordinal));
    }
}
