using Snapsight.Disk.Tests.Support;

namespace Snapsight.Server.Tests.Scans.Aws;

/// <summary>Changes a Debian ext4 volume in place with debugfs (e2fsprogs), as a package install on the machine would change its disk.</summary>
public static class DebianVolume
{
    private const string Status = "/var/lib/dpkg/status";

    /// <summary>Appends an installed package to the dpkg status file of the ext4 file system in <paramref name="image"/>.</summary>
    public static void AddPackage(string image, string name, string version)
    {
        var status = Tool.Run("debugfs", "-R", $"cat {Status}", image);
        Assert.Contains("Package: ", status, StringComparison.Ordinal);
        var stanza = $"""

            Package: {name}
            Status: install ok installed
            Priority: optional
            Section: misc
            Installed-Size: 1
            Maintainer: Snapsight Tests <tests@example.invalid>
            Architecture: all
            Version: {version}
            Description: a package added between two scans

            """;
        var local = Path.Combine(Path.GetDirectoryName(image)!, Guid.NewGuid().ToString("N") + ".status");
        // Stanzas are separated by one empty line (deb-control(5)).
        File.WriteAllText(local, status.TrimEnd('\n') + "\n" + stanza);
        try
        {
            Tool.Run("debugfs", "-w", "-R", $"rm {Status}", image);
            Tool.Run("debugfs", "-w", "-R", $"write {local} {Status}", image);
        }
        finally
        {
            File.Delete(local);
        }

        Assert.Contains($"Package: {name}", Tool.Run("debugfs", "-R", $"cat {Status}", image), StringComparison.Ordinal);
    }
}
