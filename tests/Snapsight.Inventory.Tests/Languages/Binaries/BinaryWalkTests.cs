using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Languages;

namespace Snapsight.Inventory.Tests.Languages.Binaries;

/// <summary>The real binaries placed in a tree and found by the language walk: only executables under its roots are read.</summary>
public sealed class BinaryWalkTests
{
    [Fact]
    public async Task The_walk_reads_executables_under_its_roots_and_nothing_else()
    {
        using var root = new TempDirectory();
        Place(BinaryFixtures.Path("go", "app-stripped"), root.File("opt/tool/bin/tool"), executable: true);
        Place(BinaryFixtures.Path("rust", "hello"), root.File("usr/local/bin/hello"), executable: true);
        Place(BinaryFixtures.Path("go", "app"), root.File("usr/bin/app"), executable: true);
        Place(BinaryFixtures.Path("go", "app"), root.File("home/me/not-executable"), executable: false);
        Directory.CreateDirectory(root.File("srv"));
        File.WriteAllText(root.File("srv/run.sh"), "#!/bin/sh\n" + new string('#', 2000) + "\n");
        Tool.Run("chmod", "0500", root.File("srv/run.sh"));
        using var host = new HostDirectoryFileSystem(root.Path);

        var output = await new LanguageAnalyzer().AnalyzeAsync(new FileTree(host), CancellationToken.None);

        Assert.Empty(output.Gaps);
        Assert.Equal(["/opt/tool/bin/tool", "/usr/local/bin/hello"], output.Packages.Select(p => p.Location).Distinct().Order());
        Assert.Contains(output.Packages, p => p is { Type: "go", Name: "stdlib", Location: "/opt/tool/bin/tool" });
        Assert.Contains(output.Packages, p => p is { Type: "cargo", Name: "hello", Location: "/usr/local/bin/hello" });
    }

    private static void Place(string source, string target, bool executable)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(source, target);
        Tool.Run("chmod", executable ? "0501" : "0644", target);
    }
}
