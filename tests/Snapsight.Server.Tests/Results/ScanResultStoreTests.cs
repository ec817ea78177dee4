using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;
using Snapsight.Control.Tenancy;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Results;

/// <summary>Storing a run: once per run id however often and however concurrently, all or nothing, and the current view follows the latest run.</summary>
public sealed class ScanResultStoreTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Storing_a_run_twice_changes_nothing(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var asset = (await TestAssets.SeedAsync(tenant, TestAssets.Instance(1, "10.0.0.1")))[0];
        var run = TestRuns.Run(asset, 1, [TestRuns.Package("openssl", "3.0.1"), TestRuns.Package("bash", "5.2")],
            [TestRuns.Finding("CVE-2024-0001", "openssl", aliases: ["DSA-1"]), TestRuns.Finding("CVE-2024-0002", "bash")]);

        Assert.Equal(StoreOutcome.Stored, await TestRuns.StoreAsync(tenant, run));
        var once = await TestRuns.CountAsync(tenant);
        var view = await tenant.Admin.GetStringAsync($"api/v1/assets/{asset}/findings");
        // The same id again, even with other content, is the same run: the first store stands.
        Assert.Equal(StoreOutcome.AlreadyStored, await TestRuns.StoreAsync(tenant, run));
        Assert.Equal(StoreOutcome.AlreadyStored, await TestRuns.StoreAsync(tenant, run with { Findings = [] }));

        Assert.Equal((1, 2, 2, 1, 2), once);
        Assert.Equal(once, await TestRuns.CountAsync(tenant));
        Assert.Equal(view, await tenant.Admin.GetStringAsync($"api/v1/assets/{asset}/findings"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_stores_of_one_run_leave_one_copy(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var asset = (await TestAssets.SeedAsync(tenant, TestAssets.Instance(1, "10.0.0.1")))[0];
        var run = TestRuns.Run(asset, 1);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => TestRuns.StoreAsync(tenant, run))));

        Assert.Single(outcomes, o => o == StoreOutcome.Stored);
        Assert.Equal((1, 1, 1, 1, 2), await TestRuns.CountAsync(tenant));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_stores_of_different_runs_leave_exactly_the_latest_current(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var asset = (await TestAssets.SeedAsync(tenant, TestAssets.Instance(1, "10.0.0.1")))[0];
        List<RunResult> runs = [.. ((int[])[5, 2, 7, 1, 6, 3]).Select(hour => TestRuns.Run(asset, hour))];

        await Task.WhenAll(runs.Select(run => Task.Run(() => TestRuns.StoreAsync(tenant, run))));

        var current = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/runs?assetId={asset}&current=true"))!["items"]!.AsArray();
        Assert.Equal(runs.MaxBy(r => r.CompletedAt)!.RunId.ToString(), (string)current.Single()!["id"]!);
        Assert.Equal(6, (await TestRuns.CountAsync(tenant)).Runs);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_failure_part_way_through_a_store_leaves_nothing_of_it(DatabaseProvider database)
    {
        var server = await SharedServers.For(database);
        var tenant = await TestTenant.CreateAsync(server);
        var asset = (await TestAssets.SeedAsync(tenant, TestAssets.Instance(1, "10.0.0.1")))[0];
        var first = TestRuns.Run(asset, 1);
        await TestRuns.StoreAsync(tenant, first);
        var before = await TestRuns.CountAsync(tenant);

        // One insert per command, so the run row, its packages and findings are written before the SBOM insert fails.
        var failing = new FailingInsert("StoredSboms");
        var tenantContext = new TenantContext();
        tenantContext.Enter(tenant.SubscriptionId);
        await using (var db = FailingContext(server, failing, tenantContext))
        {
            var second = TestRuns.Run(asset, 2, findings: [TestRuns.Finding("CVE-2024-0009", "openssl")]);
            // EF Core wraps what fails inside SaveChanges in a DbUpdateException.
            var failure = await Assert.ThrowsAnyAsync<Exception>(
                () => new ScanResults(db, TimeProvider.System).StoreAsync(second, CancellationToken.None));
            Assert.Contains("injected failure", failure.ToString(), StringComparison.Ordinal);
        }

        // The run row goes first (the others refer to it): the failure came after the store had begun writing.
        Assert.Contains("StoredRuns", failing.InsertedBefore);
        Assert.Equal(before, await TestRuns.CountAsync(tenant));
        var runs = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/assets/{asset}/runs"))!["items"]!.AsArray();
        Assert.Equal(first.RunId.ToString(), (string)runs.Single()!["id"]!);
        Assert.True((bool)runs.Single()!["current"]!);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_current_view_is_the_latest_run_even_when_an_older_one_arrives_late(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var asset = (await TestAssets.SeedAsync(tenant, TestAssets.Instance(1, "10.0.0.1")))[0];
        var oldest = TestRuns.Run(asset, 1, [TestRuns.Package("bash", "5.0")], [TestRuns.Finding("CVE-OLDEST", "bash")]);
        var older = TestRuns.Run(asset, 2, [TestRuns.Package("bash", "5.1")], [TestRuns.Finding("CVE-OLD", "bash")]);
        var newer = TestRuns.Run(asset, 3, [TestRuns.Package("bash", "5.2")], [TestRuns.Finding("CVE-NEW", "bash")]);

        // In order (the newer takes over from the older), then one that arrives late.
        await TestRuns.StoreAsync(tenant, older);
        await TestRuns.StoreAsync(tenant, newer);
        await TestRuns.StoreAsync(tenant, oldest);

        var findings = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/assets/{asset}/findings"))!["items"]!.AsArray();
        Assert.Equal("CVE-NEW", (string)findings.Single()!["vulnerabilityId"]!);
        var packages = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/assets/{asset}/packages"))!["items"]!.AsArray();
        Assert.Equal("5.2", (string)packages.Single()!["version"]!);
        var current = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/runs?assetId={asset}&current=true"))!["items"]!.AsArray();
        Assert.Equal(newer.RunId.ToString(), (string)current.Single()!["id"]!);
        var history = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/assets/{asset}/runs"))!["items"]!.AsArray();
        Assert.Equal([newer.RunId, older.RunId, oldest.RunId], history.Select(r => Guid.Parse((string)r!["id"]!)));
        Assert.Equal([true, false, false], history.Select(r => (bool)r!["current"]!));
        using var sbom = await tenant.Admin.GetAsync($"api/v1/assets/{asset}/sbom?format=spdx");
        Assert.Equal("application/spdx+json", sbom.Content.Headers.ContentType!.MediaType);
        Assert.Equal(newer.SpdxJson, await sbom.Content.ReadAsStringAsync());
        using var cyclonedx = await tenant.Admin.GetAsync($"api/v1/assets/{asset}/sbom");
        Assert.Equal("application/vnd.cyclonedx+json", cyclonedx.Content.Headers.ContentType!.MediaType);
        Assert.Equal(newer.CycloneDxJson, await cyclonedx.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task The_diff_endpoint_tells_new_fixed_reopened_and_package_changes(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var asset = (await TestAssets.SeedAsync(tenant, TestAssets.Instance(1, "10.0.0.1")))[0];
        var one = TestRuns.Run(asset, 1, [TestRuns.Package("bash", "5.1"), TestRuns.Package("vim", "9.0")],
            [TestRuns.Finding("CVE-A", "bash"), TestRuns.Finding("CVE-B", "bash")]);
        var two = TestRuns.Run(asset, 2, [TestRuns.Package("bash", "5.2"), TestRuns.Package("vim", "9.0")],
            [TestRuns.Finding("CVE-B", "bash")]);
        var three = TestRuns.Run(asset, 3, [TestRuns.Package("bash", "5.2"), TestRuns.Package("curl", "8.0")],
            [TestRuns.Finding("CVE-A", "bash"), TestRuns.Finding("CVE-C", "curl")]);
        foreach (var run in new[] { three, one, two })
        {
            await TestRuns.StoreAsync(tenant, run);
        }

        var first = await DiffAsync(tenant, asset, one.RunId);
        var second = await DiffAsync(tenant, asset, two.RunId);
        var third = await DiffAsync(tenant, asset, three.RunId);

        Assert.Null((string?)first["previousRunId"]);
        Assert.Equal(["CVE-A", "CVE-B"], Ids(first["new"]));
        Assert.Equal(one.RunId.ToString(), (string)second["previousRunId"]!);
        Assert.Equal(["CVE-A"], Ids(second["fixed"]));
        Assert.Equal("bash", (string)second["changed"]![0]!["package"]!["name"]!);
        Assert.Equal("5.1", (string)second["changed"]![0]!["previousVersion"]!);
        Assert.Equal(["CVE-A"], Ids(third["reopened"]));
        Assert.Equal(["CVE-C"], Ids(third["new"]));
        Assert.Equal(["CVE-B"], Ids(third["fixed"]));
        Assert.Equal(["curl"], third["added"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.Equal(["vim"], third["removed"]!.AsArray().Select(p => (string)p!["name"]!));
        using var unknown = await tenant.Admin.GetAsync($"api/v1/assets/{asset}/runs/{Guid.NewGuid()}/diff");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task A_run_id_another_subscription_stored_is_a_conflict_that_changes_neither(DatabaseProvider database)
    {
        var server = await SharedServers.For(database);
        var (a, b) = (await TestTenant.CreateAsync(server), await TestTenant.CreateAsync(server));
        var assetOfA = (await TestAssets.SeedAsync(a, TestAssets.Instance(1, "10.0.0.1")))[0];
        var assetOfB = (await TestAssets.SeedAsync(b, TestAssets.Instance(1, "10.0.0.1")))[0];
        var run = TestRuns.Run(assetOfA, 1);
        await TestRuns.StoreAsync(a, run);
        var before = await TestRuns.CountAsync(a);

        await Assert.ThrowsAsync<ConflictException>(() => TestRuns.StoreAsync(b, run with { AssetId = assetOfB }));

        Assert.Equal(before, await TestRuns.CountAsync(a));
        Assert.Equal((0, 0, 0, 0, 0), await TestRuns.CountAsync(b));
        using var diff = await b.Admin.GetAsync($"api/v1/assets/{assetOfB}/runs/{run.RunId}/diff");
        Assert.Equal(HttpStatusCode.NotFound, diff.StatusCode);
    }

    [Fact]
    public async Task A_run_beyond_the_limits_or_of_an_unknown_asset_is_refused_by_field()
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));
        var asset = (await TestAssets.SeedAsync(tenant, TestAssets.Instance(1, "10.0.0.1")))[0];

        var longName = await Assert.ThrowsAsync<InvalidFieldException>(() => TestRuns.StoreAsync(tenant,
            TestRuns.Run(asset, 1, [TestRuns.Package(new string('a', ResultLimits.IdentifierLength + 1), "1")])));
        var badEpss = await Assert.ThrowsAsync<InvalidFieldException>(() => TestRuns.StoreAsync(tenant,
            TestRuns.Run(asset, 1, findings: [TestRuns.Finding("CVE-1", "bash", epss: double.NaN)])));
        var noAsset = await Assert.ThrowsAsync<InvalidFieldException>(() => TestRuns.StoreAsync(tenant, TestRuns.Run(Guid.NewGuid(), 1)));
        var longLocation = await Assert.ThrowsAsync<InvalidFieldException>(() => TestRuns.StoreAsync(tenant, TestRuns.Run(asset, 1,
            findings: [TestRuns.Finding("CVE-1", "bash") with { Evidence = Evidence(new string('/', ResultLimits.TextLength + 1), 1) }])));
        var manyMatches = await Assert.ThrowsAsync<InvalidFieldException>(() => TestRuns.StoreAsync(tenant, TestRuns.Run(asset, 1,
            findings: [TestRuns.Finding("CVE-1", "bash") with { Evidence = Evidence("var/lib/dpkg/status", ResultLimits.MaxMatches + 1) }])));

        Assert.Equal("packages.name", longName.Field);
        Assert.Equal("findings.epssScore", badEpss.Field);
        Assert.Equal("assetId", noAsset.Field);
        Assert.Equal("findings.evidence.location", longLocation.Field);
        Assert.Equal("findings.evidence.matches", manyMatches.Field);
        Assert.Equal((0, 0, 0, 0, 0), await TestRuns.CountAsync(tenant));
    }

    [Fact]
    public async Task A_nul_character_from_a_hostile_disk_is_stored_as_a_replacement_character()
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.PostgreSql));
        var asset = (await TestAssets.SeedAsync(tenant, TestAssets.Instance(1, "10.0.0.1")))[0];

        await TestRuns.StoreAsync(tenant, TestRuns.Run(asset, 1, [TestRuns.Package("evil\0name", "1")]));

        var packages = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/assets/{asset}/packages"))!["items"]!.AsArray();
        Assert.Equal("evil\uFFFDname", (string)packages.Single()!["name"]!);
    }

    [Fact]
    public async Task Evidence_with_a_nul_character_round_trips_through_the_json_column_on_postgresql()
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.PostgreSql));
        var asset = (await TestAssets.SeedAsync(tenant, TestAssets.Instance(1, "10.0.0.1")))[0];
        var evidence = new RunFindingEvidence("dpkg", "var/lib/dpkg/status\0", "openssl", "3.0.1",
            [new RunMatch("debian-tracker CVE-1\0", "0", "3.0.2", null), new RunMatch("osv:Debian DSA-1", null, null, "3.0.1")]);

        await TestRuns.StoreAsync(tenant, TestRuns.Run(asset, 1, findings: [TestRuns.Finding("CVE-1", "libssl3") with { Evidence = evidence }]));

        var shown = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/assets/{asset}/findings"))!["items"]![0]!["evidence"]!;
        Assert.Equal("var/lib/dpkg/status\uFFFD", (string)shown["location"]!);
        Assert.Equal("openssl", (string)shown["matchedName"]!);
        Assert.Equal(["debian-tracker CVE-1\uFFFD: < 3.0.2", "osv:Debian DSA-1: <= 3.0.1"],
            shown["advisories"]!.AsArray().Select(m => $"{m!["advisory"]}: {m["constraint"]}"));
    }

    private static RunFindingEvidence Evidence(string location, int matches) =>
        new("dpkg", location, "bash", "5.2", [.. Enumerable.Range(0, matches).Select(i => new RunMatch($"feed CVE-{i}", null, "5.3", null))]);

    private static async Task<JsonNode> DiffAsync(TestTenant tenant, Guid asset, Guid run) =>
        JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/assets/{asset}/runs/{run}/diff"))!;

    private static List<string> Ids(JsonNode? keys) => keys!.AsArray().Select(k => (string)k!["vulnerabilityId"]!).ToList();

    private static ControlDbContext FailingContext(RunningServer server, FailingInsert failing, TenantContext tenant)
    {
        var database = server.Services.GetRequiredService<ControlSettings>().Database;
        return database.Provider == DatabaseProvider.Sqlite
            ? new SqliteControlDbContext(new DbContextOptionsBuilder<SqliteControlDbContext>()
                .UseSqlite(database.ConnectionString, o => o.MaxBatchSize(1)).AddInterceptors(failing).Options, tenant)
            : new PostgresControlDbContext(new DbContextOptionsBuilder<PostgresControlDbContext>()
                .UseNpgsql(database.ConnectionString, o => o.MaxBatchSize(1)).AddInterceptors(failing).Options, tenant);
    }
}
