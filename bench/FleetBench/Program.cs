using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Bench;
using Snapsight.Cli.Demo;
using Snapsight.Control.Discovery;
using Snapsight.Control.Persistence;
using Snapsight.Control.Scans;
using Snapsight.Control.Setup;
using Snapsight.Disk.BlockDevices;
using Snapsight.Scanning;
using Snapsight.Server.Hosting;
using Snapsight.Server.Scanning;

// Usage: FleetBench DATA_DIR IMAGES INSTANCES
// DATA_DIR is a new server data folder holding advisories.db, on a file system with reflinks (bench/fleet mounts one);
// IMAGES holds the volume images and the fleet.tsv listing them (bench/fleet makes it: the demo fleet's machines and the
// bench's Debian servers). Builds INSTANCES local instances going round fleet.tsv, starts the server in-process as
// `snapsight server` runs it (SQLite, discovery, the scan workflow) with its scanner timed, walks the demo's set-up
// through the HTTP API, and times zero-touch on -> every asset with a stored result. Then scans the same instances'
// images directly with ScanPipeline, one after another as the workflow does, with the server's options.
// Prints "FLEET instances=… cores=… wall_s=… scan_s=… scan_cpu_s=… cpu_s=… jit_s=… gc_pause_s=… steady_assets=… steady_cpu_s=…
// steady_scan_cpu_s=… direct_s=… direct_cpu_s=… done=…".
var dataDirectory = Path.GetFullPath(args[0]);
var images = Path.GetFullPath(args[1]);
var count = int.Parse(args[2], CultureInfo.InvariantCulture);
// Only once every result is stored: the last runs' cleanup steps are waited for by asking the database this often.
const int TailPollMilliseconds = 50;

var fleet = DemoFleet.Read(images);
var cloud = Path.Combine(dataDirectory, DemoRun.LocalCloudDirectoryName);
var built = Stopwatch.StartNew();
await fleet.BuildAsync(cloud, DateTimeOffset.UtcNow, count, CancellationToken.None);
Console.Error.WriteLine($"built {count} instances in {built.Elapsed.TotalSeconds:F1}s");

var defaults = ServerOptions.From(dataDirectory, "http://127.0.0.1:0");
// Discovery checks every second (the default minute would be the wall time's largest part and say nothing of the
// control plane's cost); everything else is what `snapsight server` runs with.
var options = defaults with
{
    Control = defaults.Control with { Discovery = new DiscoverySettings { Enabled = true, CheckEvery = TimeSpan.FromSeconds(1) } },
};
TimedScanExecutor? timed = null;
// The steady state: from the tenth of the results on, once the start's one-off costs (the JIT above all) are mostly paid.
var warm = Math.Max(1, count / 10);
var stored = new StoredResults<(TimeSpan Cpu, TimeSpan ScanCpu)>(count, warm, () => (Environment.CpuUsage.TotalTime, timed!.ScanCpu));
// Information would time the console: a line per request and per run.
Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
var app = ServerApp.Build(options, services =>
{
    var scanner = services.Single(d => d.ServiceType == typeof(IScanExecutor));
    services.Remove(scanner);
    services.Add(new ServiceDescriptor(typeof(IScanExecutor), provider => timed ??= new TimedScanExecutor(
        (IScanExecutor)ActivatorUtilities.CreateInstance(provider, scanner.ImplementationType!)), ServiceLifetime.Singleton));
    var sink = services.Single(d => d.ServiceType == typeof(IScanResultSink));
    services.Remove(sink);
    services.Add(new ServiceDescriptor(typeof(IScanResultSink), provider => new CountingResultSink<(TimeSpan, TimeSpan)>(
        (IScanResultSink)ActivatorUtilities.CreateInstance(provider, sink.ImplementationType!), stored), sink.Lifetime));
});
await ServerApp.PrepareAsync(app, CancellationToken.None);
const string Password = "a long bench password";
await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<SubscriptionSetup>()
        .CreateAsync(DemoRun.Subscription, DemoRun.Username, Password, CancellationToken.None);
    // A new subscription is licensed for 100 addresses (SubscriptionDefaults) and no API raises it: the operator's
    // part, done here in the database, so that every instance is activated rather than the first hundred.
    await scope.ServiceProvider.GetRequiredService<ControlDbContext>().Database.ExecuteSqlAsync(
        $"UPDATE \"Subscriptions\" SET \"LicensedIpAddresses\" = {count}");
}

await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
using var api = new DemoApi(new HttpClient { BaseAddress = new Uri(address + "/") });
var console = Console.Out;
Console.SetOut(Console.Error);
// The clock starts before the walk (sign-in, connectors, registration, zero-touch on: a second or so, all
// control plane): conservative, since the runs begin only once zero-touch is on, its last step. So does the CPU count,
// which therefore holds the sign-in's password hash and the first requests' JIT too.
var clock = Stopwatch.StartNew();
var cpuBefore = Environment.CpuUsage.TotalTime;
// The JIT's share (this host, like snapsight-server, runs on the JIT, without dynamic PGO) and the GC's pauses.
var jitBefore = JitInfo.GetCompilationTime();
var gcBefore = GC.GetTotalPauseDuration();
// The walk ends at zero-touch on; the bench waits for the scans itself, so the demo's own timeout is not used.
var walk = new DemoRun(new DemoOptions(dataDirectory, address, [], images, Once: true, Timeout: TimeSpan.FromHours(1)));
await walk.WalkAsync(api, fleet, cloud, Password, CancellationToken.None);
Console.SetOut(console);
// The result store tells when every asset has a result (no polling); then the last runs' cleanup is waited for, so the
// window holds every step of every run. A run that failed or was skipped stores nothing: the deadline ends the wait.
var deadline = TimeSpan.FromSeconds(60 + 10 * count);
await Task.WhenAny(stored.All, Task.Delay(deadline - clock.Elapsed));
var driver = app.Services.GetRequiredService<ScanDriver>();
while (clock.Elapsed < deadline && await driver.NextDueAsync(CancellationToken.None) is not null)
{
    await Task.Delay(TailPollMilliseconds);
}

var wall = clock.Elapsed;
// The whole process's CPU over the same span: the scans' own and the control plane's.
var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
var jit = JitInfo.GetCompilationTime() - jitBefore;
var (warmCpu, warmScanCpu) = stored.First.IsCompletedSuccessfully ? stored.First.Result : (cpu + cpuBefore, timed!.ScanCpu);
var steadyCpu = cpu + cpuBefore - warmCpu;
var steadyScanCpu = timed!.ScanCpu - warmScanCpu;
var gcPauses = GC.GetTotalPauseDuration() - gcBefore;
// Checked through the API, outside the window: GET /api/v1/runs lists the runs with stored results, i.e. those done.
var runs = await api.GetAsync($"/api/v1/runs?limit={(count * 2).ToString(CultureInfo.InvariantCulture)}", CancellationToken.None);
var done = (runs?["items"] as JsonArray ?? []).Select(run => DemoApi.Text(run!, "assetId")).Distinct(StringComparer.Ordinal).Count();
var compliance = app.Services.GetRequiredService<SnapshotScanSettings>().ComplianceProfile;
await app.StopAsync();
await app.DisposeAsync();
Console.Error.WriteLine($"fleet: {count} assets {done} scanned in {wall.TotalSeconds:F1}s, {timed!.Scans} scans took {timed.ScanTime.TotalSeconds:F1}s");

// The baseline: the same scans without the control plane, from the instances' own volume images.
var advisories = Path.Combine(dataDirectory, DemoRun.AdvisoryDatabaseFileName);
var direct = Stopwatch.StartNew();
var directCpuBefore = Environment.CpuUsage.TotalTime;
for (var index = 0; index < count; index++)
{
    var instance = fleet.Instances[index % fleet.Instances.Count];
    var devices = instance.VolumeImages.Select(v => FileBlockDevice.Open(Path.Combine(images, v))).ToList();
    try
    {
        var volumes = devices.Select((device, i) => new ScanVolume(instance.VolumeImages[i], device)).ToList();
        await ScanPipeline.RunAsync(instance.Name, volumes, new ScanOptions
        {
            AdvisoryStorePath = advisories,
            Compliance = compliance is null ? null : new ComplianceRequest(compliance),
        });
    }
    finally
    {
        devices.ForEach(d => d.Dispose());
    }
}

var directCpu = Environment.CpuUsage.TotalTime - directCpuBefore;
Console.Error.WriteLine($"direct: {count} scans with ScanPipeline in {direct.Elapsed.TotalSeconds:F1}s");
Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"FLEET instances={count} cores={Environment.ProcessorCount} wall_s={wall.TotalSeconds:F3} scan_s={timed.ScanTime.TotalSeconds:F3} scan_cpu_s={timed.ScanCpu.TotalSeconds:F3} cpu_s={cpu.TotalSeconds:F3} jit_s={jit.TotalSeconds:F3} gc_pause_s={gcPauses.TotalSeconds:F3} steady_assets={count - warm} steady_cpu_s={steadyCpu.TotalSeconds:F3} steady_scan_cpu_s={steadyScanCpu.TotalSeconds:F3} direct_s={direct.Elapsed.TotalSeconds:F3} direct_cpu_s={directCpu.TotalSeconds:F3} done={done}"));
