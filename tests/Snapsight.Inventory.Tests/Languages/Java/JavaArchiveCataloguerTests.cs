using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Tests.FileSystems;
using Snapsight.Inventory.Languages.Java;

namespace Snapsight.Inventory.Tests.Languages.Java;

/// <summary>What the cataloguer claims from the walk, and how a top-level file it cannot read becomes a gap.</summary>
public sealed class JavaArchiveCataloguerTests
{
    [Theory]
    [InlineData("/opt/app/lib.jar", true)]
    [InlineData("/opt/app/APP.WAR", true)]
    [InlineData("/srv/x.ear", true)]
    [InlineData("/var/lib/jenkins/plugins/git.jpi", true)]
    [InlineData("/var/lib/jenkins/plugins/git.hpi", true)]
    [InlineData("/opt/x.par", true)]
    [InlineData("/opt/x.sar", true)]
    [InlineData("/opt/.jar", false)]
    [InlineData("/opt/x.jar.sha1", false)]
    [InlineData("/opt/x.zip", false)]
    public void Wants_archives_by_name(string path, bool wanted)
    {
        var file = new TreeEntry(path, new InMemoryFileSystem(), new FileNode(2, FileType.File, 0x1A4, 0, 0, 10, 1));

        Assert.Equal(wanted, new JavaArchiveCataloguer().Wants(file));
    }

    [Fact]
    public async Task An_archive_over_the_size_cap_is_a_gap_and_not_opened()
    {
        var fileSystem = new InMemoryFileSystem().File("/opt/big.jar", JarBytes.Create(JarBytes.Pom("g", "a", "1")));
        var tree = fileSystem.Tree();
        var file = (await tree.StatAsync("/opt/big.jar"))!;

        var output = await new JavaArchiveCataloguer(JavaArchiveLimits.Default with { MaxArchiveBytes = 100 }).ReadAsync(tree, file, CancellationToken.None);

        Assert.Empty(output.Packages);
        Assert.Contains("over the 100-byte limit", Assert.Single(output.Gaps).Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("/opt/big.jar", fileSystem.Opened);
    }

    [Fact]
    public async Task A_file_named_jar_that_is_text_is_a_gap()
    {
        var tree = new InMemoryFileSystem().File("/opt/notes.jar", "just some notes").Tree();
        var file = (await tree.StatAsync("/opt/notes.jar"))!;

        var output = await new JavaArchiveCataloguer().ReadAsync(tree, file, CancellationToken.None);

        Assert.Empty(output.Packages);
        Assert.Equal("/opt/notes.jar", Assert.Single(output.Gaps).Where);
    }
}
