using System.Text.RegularExpressions;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>
/// A data folder made by <c>snapsight demo --once</c> on the real fleet images of
/// tests/images/build-demo-fleet with the AlmaLinux OSV feed: discovered, scanned assets with real
/// findings, and the admin's printed password to sign in with.
/// </summary>
public sealed partial record DemoData(string DataDirectory, string Password, SnapsightCommand.Result Run)
{
    public static readonly FixtureScript Fleet = new("build-demo-fleet");

    /// <summary>The fleet's contract with the demo: name, account, region, release, volumes, why; one instance a line.</summary>
    public static IReadOnlyList<string[]> FleetRows() =>
        [.. File.ReadAllLines(Path.Combine(Fleet.Folder, "fleet.tsv")).Select(l => l.Split('\t'))];

    /// <summary>The package names of the AlmaLinux root, as <c>rpm -qa</c> read them from the database the fleet builder wrote.</summary>
    public static IReadOnlySet<string> AlmaPackageNames() =>
        File.ReadAllLines(Path.Combine(Fleet.Folder, "alma-legacy.rpm-qa.tsv")).Select(l => l.Split('\t')[0]).ToHashSet(StringComparer.Ordinal);

    /// <summary>Runs the demo into <paramref name="dataDirectory"/> (new or empty); the caller checks the exit code.</summary>
    public static DemoData Create(string dataDirectory)
    {
        var url = $"http://127.0.0.1:{ServerProcess.FreePort()}";
        var advisories = Path.Combine(Repository.Root, "..", "shared", "data", "advisories", "almalinux", "osv-database-full",
            "almalinux-osv-advisories.tar.gz");
        var run = SnapsightCommand.Run(["demo", "--once", "--data-dir", dataDirectory, "--urls", url, "--images", Fleet.Folder,
            "--advisories", advisories]);
        return new DemoData(dataDirectory, PrintedPassword().Match(run.Stdout).Groups[1].Value, run);
    }

    [GeneratedRegex(@"^\s+password\s+(\S+)$", RegexOptions.Multiline)]
    private static partial Regex PrintedPassword();
}
