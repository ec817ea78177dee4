using System.Text.Json.Nodes;
using Snapsight.Disk.Tests.Support;
using Xunit.Abstractions;

namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>
/// The demo's fleet in the local cloud: set up and scanned once by <c>snapsight demo --once</c>, then served again by
/// a server of the test's own. Its snapshots are found on disk, published or staged, not through the provider.
/// </summary>
public sealed class DemoScannedFleet : IScannedFleet
{
    private readonly DemoFleet demo;

    private DemoScannedFleet(DemoFleet demo, ServerProcess server) => (this.demo, Server) = (demo, server);

    public ServerProcess Server { get; }

    public IReadOnlyList<string> Denials => [];

    public static async Task<DemoScannedFleet> StartAsync(TempDirectory temp, ITestOutputHelper output)
    {
        var demo = DemoFleet.RunOnce(temp.File("demo"), output);
        var fleet = new DemoScannedFleet(demo, new ServerProcess(demo.DataDirectory) { LogFile = temp.File("server.log") });
        await fleet.Server.StartAsync();
        return fleet;
    }

    public Task<HttpClient> SignInAsync() => demo.SignInAsync(Server);

    /// <summary>The local cloud is left as it is: the kills are its faults.</summary>
    public void Disturb(Random random)
    {
    }

    public async Task<List<string>> LeftoverSnapshotsAsync(HttpClient http)
    {
        var snapshots = Directory.GetDirectories(Path.Combine(demo.DataDirectory, "cloud"), "snapshots", SearchOption.AllDirectories)
            .SelectMany(directory => Directory.GetDirectories(directory))
            .SelectMany(entry => Path.GetFileName(entry) == ".staging" ? Directory.GetFileSystemEntries(entry) : [entry])
            .Order(StringComparer.Ordinal);
        var leftovers = new List<string>();
        foreach (var snapshot in snapshots)
        {
            var file = Path.Combine(snapshot, "snapshot.json");
            var tags = File.Exists(file)
                ? JsonNode.Parse(await File.ReadAllTextAsync(file))!["tags"]!.AsObject().ToDictionary(t => t.Key, t => (string)t.Value!, StringComparer.Ordinal)
                : null;
            leftovers.Add(await LeftoverSnapshot.DescribeAsync(http, Server.LogFile!, snapshot, tags));
        }

        return leftovers;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
