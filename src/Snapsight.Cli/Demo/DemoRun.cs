using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Snapsight.Advisories.Update;
using Snapsight.Cli.Commands;

namespace Snapsight.Cli.Demo;

/// <summary>
/// One run of <c>snapsight demo</c>, step by step, each printed: the fleet, the advisories, the server, then the
/// customer's set-up through the HTTP API, then the first scans (docs/demo.md).
/// </summary>
internal sealed class DemoRun(DemoOptions options)
{
    public const string Subscription = "demo";
    public const string Username = "admin";
    public const string AdvisoryDatabaseFileName = "advisories.db";

    /// <summary>The server's default local cloud under its data folder (ControlSettings.LocalCloudDirectoryName).</summary>
    public const string LocalCloudDirectoryName = "cloud";

    public const int StepRefused = 1;

    /// <summary>With <c>--once</c>: the first scans finished, but not every asset was scanned (one failed, was skipped or not activated).</summary>
    public const int NotAllScanned = 4;

    /// <summary>The first scans did not all finish within <c>--timeout</c>.</summary>
    public const int TimedOut = 5;

    private const string BuilderScript = "tests/images/build-demo-fleet";
    private static readonly string[] FleetHeadings = ["INSTANCE", "ID", "ACCOUNT", "REGION", "RELEASE", "VOLUMES", "WHY"];
    private static readonly string[] WildcardHosts = ["://*", "://+", "://0.0.0.0", "://[::]"];

    private int step;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        PrepareDataDirectory();
        var fleet = DemoFleet.Read(await FleetImagesAsync(ct).ConfigureAwait(false));
        var cloud = Path.Combine(options.DataDirectory, LocalCloudDirectoryName);

        Step($"Building the fleet in {cloud} from {fleet.ImageFolder}");
        var ids = await fleet.BuildAsync(cloud, DateTimeOffset.UtcNow, fleet.Instances.Count, ct).ConfigureAwait(false);
        var rows = new List<string[]> { FleetHeadings };
        rows.AddRange(fleet.Instances.Select((i, n) => new[]
        {
            i.Name, ids[n], i.AccountId + (i.AccountId == fleet.ServiceAccount ? " (service)" : ""), i.Region, i.Release,
            i.VolumeImages.Count.ToString(CultureInfo.InvariantCulture), i.Why,
        }));
        InventoryReportTable.WriteColumns(Console.Out, rows);

        await ImportAdvisoriesAsync(ct).ConfigureAwait(false);

        var server = DemoServer.Locate(options.DataDirectory);
        await using (server.ConfigureAwait(false))
        {
            Step($"Creating subscription '{Subscription}' and its admin (snapsight server init)");
            var password = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
            await server.InitAsync(Subscription, Username, password, ct).ConfigureAwait(false);
            Console.Out.WriteLine($"    user name  {Username}");
            Console.Out.WriteLine($"    password   {password}");

            // A --urls the demo could not talk to is a usage error before the server starts.
            _ = BaseUrl(options.Urls);
            Step($"Starting snapsight server on SQLite in {options.DataDirectory}, listening on {options.Urls}");
            var baseUrl = BaseUrl(await server.StartAsync(options.Urls, ct).ConfigureAwait(false));
            Console.Out.WriteLine($"    listening on {baseUrl}");

            using var api = new DemoApi(new HttpClient { BaseAddress = baseUrl });
            try
            {
                await WalkAsync(api, fleet, cloud, password, ct).ConfigureAwait(false);
                var scanned = await WaitForFirstScansAsync(api, fleet.Instances.Count, ct).ConfigureAwait(false);
                Console.Out.WriteLine();
                Console.Out.WriteLine($"Console: {baseUrl}console  API: {baseUrl}api/v1 (every endpoint: {baseUrl}openapi/v1.json)");
                if (scanned == TimedOut || options.Once)
                {
                    return scanned;
                }
            }
            catch (DemoException refused)
            {
                await Console.Error.WriteLineAsync($"snapsight demo: {refused.Message}").ConfigureAwait(false);
                return StepRefused;
            }

            Console.Out.WriteLine("Serving until Ctrl-C.");
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Console.Out.WriteLine("Stopping the server.");
            }

            return 0;
        }
    }

    /// <summary>What a customer does, in the documented order (docs/control/connectors-and-accounts.md); bench/fleet does it too.</summary>
    public async Task WalkAsync(DemoApi api, DemoFleet fleet, string cloud, string password, CancellationToken ct)
    {
        Step($"POST /auth: signing in as {Username}");
        await api.SignInAsync(Username, password, ct).ConfigureAwait(false);

        Step("POST /qas/subscription-token: a token for the templates' call-backs");
        var token = await api.IssueSubscriptionTokenAsync(TimeSpan.FromDays(1), ct).ConfigureAwait(false);
        Console.Out.WriteLine($"    token {DemoApi.Text(token, "id")}, expires {DemoApi.Text(token, "expiresAt")}");

        var connectors = new List<string>();
        foreach (var account in fleet.Accounts)
        {
            var service = account == fleet.ServiceAccount;
            Step($"POST /api/v1/connectors: connector for account {account}{(service ? " (vulnerability scanning and CSPM: the service account)" : " (vulnerability scanning)")}");
            var connector = await api.CreateConnectorAsync($"demo-{account}", DemoFleet.RoleArn(account), fleet.Regions, service, ct).ConfigureAwait(false);
            connectors.Add(DemoApi.Text(connector, "id"));
            Console.Out.WriteLine($"    connector {connectors[^1]}, role {DemoFleet.RoleArn(account)}");
            // The customer deploys the template's stack with the connector's external ID: here, the local account's role.
            fleet.DeployRole(cloud, account, DemoApi.Text(connector, "externalId"));
            Console.Out.WriteLine($"    deployed the role in the local account (accounts/{account}/account.json trusts the connector's external ID)");
        }

        Step($"POST /conn/snapshot/v1.0/register-service-account: account {fleet.ServiceAccount}, with the subscription token");
        var registered = await api.RegisterServiceAccountAsync(fleet.ServiceAccount, fleet.Regions, ct).ConfigureAwait(false);
        Console.Out.WriteLine($"    state {DemoApi.Text(registered, "state")}");
        foreach (var account in fleet.Accounts)
        {
            Step($"POST /conn/snapshot/v1.0/register-target-account: account {account}");
            var target = await api.RegisterTargetAccountAsync(account, DemoFleet.RoleArn(account), fleet.Regions, ct).ConfigureAwait(false);
            Console.Out.WriteLine($"    state {DemoApi.Text(target, "state")}");
        }

        foreach (var connector in connectors)
        {
            Step($"PATCH /api/v1/connectors/{connector}: zero-touch on");
            var changed = await api.TurnOnZeroTouchAsync(connector, ct).ConfigureAwait(false);
            Console.Out.WriteLine($"    zeroTouchSnapshot {changed["zeroTouchSnapshot"]?.ToJsonString()}");
        }
    }

    /// <summary>
    /// Waits for every instance of the fleet to be discovered and scanned, or its scan to end without a result
    /// (docs/demo.md); answers 0 when every asset was scanned, <see cref="NotAllScanned"/> or <see cref="TimedOut"/>.
    /// </summary>
    private async Task<int> WaitForFirstScansAsync(DemoApi api, int fleetSize, CancellationToken ct)
    {
        Step($"Waiting for discovery and the first scans (GET /api/v1/assets and GET /api/v1/scans, at most {options.Timeout.TotalMinutes:0.#} minutes)");
        return await new DemoScanWatch(api, fleetSize, options.Timeout).WaitAsync(ct).ConfigureAwait(false) switch
        {
            true => 0,
            false => NotAllScanned,
            null => TimedOut,
        };
    }

    /// <summary>A new folder, open to its owner only (it will hold the server's keys and password hashes); an used one is refused.</summary>
    private void PrepareDataDirectory()
    {
        if (Directory.Exists(options.DataDirectory) && Directory.EnumerateFileSystemEntries(options.DataDirectory).Any())
        {
            throw new UsageException($"{options.DataDirectory} is not empty: the demo starts from nothing; remove it or give another --data-dir");
        }

        Directory.CreateDirectory(options.DataDirectory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(options.DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The fleet's image folder, built by the fixture script when it is missing and the script is at hand.</summary>
    private async Task<string> FleetImagesAsync(CancellationToken ct)
    {
        if (File.Exists(Path.Combine(options.ImageFolder, DemoFleet.ListFileName)))
        {
            return options.ImageFolder;
        }

        var script = new[] { Environment.CurrentDirectory, AppContext.BaseDirectory }
            .SelectMany(Ancestors).Select(d => Path.Combine(d, BuilderScript)).FirstOrDefault(File.Exists)
            ?? throw new UsageException($"no demo fleet in {options.ImageFolder}: build it with {BuilderScript} of Snapsight's repository " +
                $"(as root), or give its folder with --images");
        Step($"Building the fleet's disk images with {script} (mmdebstrap; a few minutes, once)");
        var start = new ProcessStartInfo(script) { UseShellExecute = false, RedirectStandardOutput = true };
        start.Environment[DemoCommand.ImagesVariable] = options.ImageFolder;
        using var build = Process.Start(start) ?? throw new UsageException($"cannot run {script}");
        var stdout = build.StandardOutput.ReadToEndAsync(ct);
        await build.WaitForExitAsync(ct).ConfigureAwait(false);
        await stdout.ConfigureAwait(false);
        return build.ExitCode == 0 ? options.ImageFolder : throw new UsageException($"{script} failed with exit code {build.ExitCode}");
    }

    private async Task ImportAdvisoriesAsync(CancellationToken ct)
    {
        var database = Path.Combine(options.DataDirectory, AdvisoryDatabaseFileName);
        if (options.Advisories.Count > 0)
        {
            Step($"Importing the advisories into {database} (snapsight db import)");
            await DbCommand.ImportAsync(database, options.Advisories, ct).ConfigureAwait(false);
            return;
        }

        Step($"Downloading the advisory feeds into {database} (snapsight db update)");
        try
        {
            await DbUpdateCommand.UpdateAsync(database, FeedCatalogue.Select([]), replace: true, location: null, ct).ConfigureAwait(false);
        }
        catch (UsageException failed)
        {
            // The set-up is worth showing without findings; the message says how to get them offline.
            Console.Out.WriteLine($"    {failed.Message}");
            Console.Out.WriteLine("    continuing without advisories: scans will list packages but no findings (use --advisories PATH offline)");
        }
    }

    private void Step(string what)
    {
        step++;
        Console.Out.WriteLine();
        Console.Out.WriteLine($"[{step}] {what}");
    }

    /// <summary>Where the demo reaches the server: the first of <paramref name="urls"/>, a wildcard host read as loopback.</summary>
    private static Uri BaseUrl(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        foreach (var wildcard in WildcardHosts)
        {
            first = first.Replace(wildcard, "://127.0.0.1", StringComparison.Ordinal);
        }

        return Uri.TryCreate(first.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new UsageException($"--urls: '{urls}' does not start with an http:// or https:// URL");
    }

    private static IEnumerable<string> Ancestors(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            yield return current.FullName;
        }
    }
}
