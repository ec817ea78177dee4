using System.Net;
using System.Text.RegularExpressions;
using Snapsight.Disk.Tests.Support;
using Xunit.Abstractions;

namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>
/// A data folder set up by <c>snapsight demo --once</c> over the fixture images of tests/images/build-demo-fleet
/// and the AlmaLinux advisories, for the tests that serve it again with <see cref="ServerProcess"/>.
/// </summary>
public sealed partial class DemoFleet
{
    public static readonly FixtureScript Images = new("build-demo-fleet");

    /// <summary>The demo scans five instances, which takes well over two minutes on a loaded two-core machine.</summary>
    private static readonly TimeSpan DemoTimeout = TimeSpan.FromMinutes(6);

    private DemoFleet(string dataDirectory, SnapsightCommand.Result demo) => (DataDirectory, Demo) = (dataDirectory, demo);

    /// <summary>The AlmaLinux OSV archive the demo imports as its advisories.</summary>
    public static string AlmaLinuxAdvisories =>
        Path.Combine(Repository.Root, "..", "shared", "data", "advisories", "almalinux", "osv-database-full", "almalinux-osv-advisories.tar.gz");

    public string DataDirectory { get; }

    public SnapsightCommand.Result Demo { get; }

    /// <summary>The fleet's contract with the demo: name, account, region, release, volumes, why; one instance a line.</summary>
    public static IReadOnlyList<string[]> FleetRows() =>
        [.. File.ReadAllLines(Path.Combine(Images.Folder, "fleet.tsv")).Select(l => l.Split('\t'))];

    /// <summary>The package names of the AlmaLinux root, as <c>rpm -qa</c> read them from the database the fleet builder wrote.</summary>
    public static IReadOnlySet<string> AlmaPackageNames() =>
        File.ReadAllLines(Path.Combine(Images.Folder, "alma-legacy.rpm-qa.tsv")).Select(l => l.Split('\t')[0]).ToHashSet(StringComparer.Ordinal);

    /// <summary>The admin password the demo printed.</summary>
    public string Password => PrintedPassword().Match(Demo.Stdout).Groups[1].Value;

    /// <summary>Runs the demo into <paramref name="dataDirectory"/>, its output to the test's (if any), and asserts it succeeded.</summary>
    public static DemoFleet RunOnce(string dataDirectory, ITestOutputHelper? output = null)
    {
        // Port 0: the demo learns the port from the server, so no test running beside can take it first. Its server keeps
        // the default check of a minute: registering the accounts wakes discovery at once (DiscoveryWakeUp), which a demo
        // waiting most of a minute would show (about 75 s a run instead of 20).
        var demo = SnapsightCommand.Run(["demo", "--once", "--data-dir", dataDirectory, "--urls", "http://127.0.0.1:0", "--images", Images.Folder,
            "--advisories", AlmaLinuxAdvisories], timeout: DemoTimeout);
        output?.WriteLine(demo.Stdout);
        Assert.True(demo.ExitCode == 0, $"exit {demo.ExitCode}: {demo.Stderr}");
        return new DemoFleet(dataDirectory, demo);
    }

    /// <summary>A client of <paramref name="server"/> signed in as the demo's admin with a bearer token.</summary>
    public async Task<HttpClient> SignInAsync(ServerProcess server)
    {
        var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        using var signIn = await http.PostAsync("auth", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "admin", ["password"] = Password, ["token"] = "true",
        }));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", await signIn.Content.ReadAsStringAsync());
        return http;
    }

    [GeneratedRegex(@"^\s+password\s+(\S+)$", RegexOptions.Multiline)]
    private static partial Regex PrintedPassword();
}
