using Snapsight.Disk.Tests.Support;

namespace Snapsight.Inventory.Tests.Packages.Dpkg;

/// <summary>The real <c>dpkg-query -W</c> on an admin directory, printed in <see cref="PackageRows.Dpkg"/>'s columns.</summary>
public static class DpkgQuery
{
    public static string[] List(string adminDirectory)
    {
        var output = Tool.Run(
            "dpkg-query",
            $"--admindir={adminDirectory}",
            "-W",
            "-f",
            "${Package}\t${Status}\t${Version}\t${source:Package}\t${source:Version}\t${Architecture}\n");
        return PackageRows.Sorted(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A throwaway admin directory holding <paramref name="status"/>, as dpkg-query needs it.</summary>
    public static TempDirectory AdminDirectoryWith(string status)
    {
        var directory = new TempDirectory();
        File.WriteAllText(Path.Combine(directory.Path, "status"), status);
        Directory.CreateDirectory(Path.Combine(directory.Path, "info"));
        Directory.CreateDirectory(Path.Combine(directory.Path, "updates"));
        return directory;
    }
}
