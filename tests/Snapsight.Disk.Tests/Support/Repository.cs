namespace Snapsight.Disk.Tests.Support;

/// <summary>The repository checkout the tests run from; other test projects link this file.</summary>
public static class Repository
{
    /// <summary>The folder holding Snapsight.sln, found upwards from the test's binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Snapsight.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Snapsight.sln above {AppContext.BaseDirectory}");
    }
}
