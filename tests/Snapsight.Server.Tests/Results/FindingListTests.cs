using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CsCheck;
using Snapsight.Advisories.Model;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Results;

/// <summary>
/// GET /api/v1/findings against an independent evaluation: random runs are stored for a few assets,
/// then random filters are asked of the server and of LINQ over the runs' own findings, keeping only
/// each asset's latest run (the current view). Paging must give every row once, in a stable order.
/// </summary>
public sealed class FindingListTests
{
    private static readonly string[] Ids = ["CVE-2024-0001", "CVE-2024-0002", "CVE-2024-0003", "GHSA-abcd-efgh-ijkl", "DSA-5000-1"];
    private static readonly string[] Packages = ["openssl", "bash", "zlib", "curl"];
    private static readonly double?[] Scores = [null, 0, 0.05, 0.1, 0.5, 0.97, 1];

    private static readonly Gen<RunFinding> Finding =
        Gen.Select(Gen.OneOfConst(Ids), Gen.OneOfConst(Packages), Gen.Enum<Severity>(), Gen.Bool, Gen.OneOfConst(Scores),
                Gen.OneOfConst<string?>(null, "2.0"), Gen.OneOfConst(Ids).Array[0, 2])
            .Select((id, package, severity, kev, epss, fix, aliases) =>
                TestRuns.Finding(id, package, severity, fix, kev, epss, [.. aliases.Where(a => a != id).Distinct()]));

    private static readonly Gen<Query> Queries =
        Gen.Select(Gen.Enum<Severity>().Array[0, 2], Gen.OneOfConst<bool?>(null, true, false), Gen.OneOfConst(Scores),
            Gen.OneOfConst<bool?>(null, true, false), Gen.OneOfConst([null, .. Packages, "vim"]), Gen.OneOfConst([null, .. Ids]),
            Gen.Int[-1, 3])
        .Select((severities, kev, epss, fix, package, cve, asset) => new Query(severities, kev, epss, fix, package, cve, asset));

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Filters_keep_exactly_what_linq_over_the_latest_runs_keeps(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var assets = await TestAssets.SeedAsync(tenant, TestAssets.Instance(1, "10.0.0.1"), TestAssets.Instance(2, "10.0.0.2"),
            TestAssets.Instance(3, "10.0.0.3"));
        var stored = new List<RunResult>();
        foreach (var (asset, index) in assets.Select((a, i) => (a, i)))
        {
            // Two runs each: only the later one's findings are current.
            foreach (var hour in new[] { 1, 2 })
            {
                var run = TestRuns.Run(asset, hour + index, findings: Finding.Array[0, 15].Single());
                stored.Add(run);
                await TestRuns.StoreAsync(tenant, run);
            }
        }

        var current = stored.GroupBy(r => r.AssetId).Select(g => g.MaxBy(r => r.CompletedAt)!)
            .SelectMany(r => r.Findings.Select(f => (r.AssetId, Finding: f))).ToList();
        Assert.NotEmpty(current);

        await Queries.SampleAsync(async query =>
        {
            var assetId = query.Asset >= 0 ? assets[query.Asset % assets.Count] : (Guid?)null;
            var expected = current.Where(c => query.Keeps(c.Finding) && (assetId is null || c.AssetId == assetId))
                .Select(c => Line(c.AssetId, c.Finding.VulnerabilityId, c.Finding.PackageName, c.Finding.Severity)).Order().ToList();

            var actual = (await AllPagesAsync(tenant, query.Text(assetId), 500)).Select(Line).Order().ToList();

            Assert.Equal(expected, actual);
        }, iter: 60);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Pages_of_any_size_give_every_finding_once_in_one_order(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var asset = (await TestAssets.SeedAsync(tenant, TestAssets.Instance(1, "10.0.0.1")))[0];
        // Many findings sharing ids and packages, so only the tiebreakers keep the order total.
        var findings = Enumerable.Range(0, 37).Select(i => TestRuns.Finding(Ids[i % 2], Packages[i % 2], epss: i / 100.0)).ToList();
        await TestRuns.StoreAsync(tenant, TestRuns.Run(asset, 1, findings: findings));

        var whole = (await AllPagesAsync(tenant, "", 500)).Select(f => (string)f["id"]!).ToList();
        foreach (var size in new[] { 1, 5, 36, 37 })
        {
            Assert.Equal(whole, (await AllPagesAsync(tenant, "", size)).Select(f => (string)f["id"]!).ToList());
        }

        Assert.Equal(37, whole.Distinct().Count());
        var capped = JsonNode.Parse(await tenant.Admin.GetStringAsync("api/v1/findings?limit=100000"))!;
        Assert.Equal(500, (int)capped["limit"]!);
    }

    [Theory]
    [InlineData("severity=bogus", "severity")]
    [InlineData("severity=3", "severity")]
    [InlineData("severity=high,,low", "severity")]
    [InlineData("kev=yes", "kev")]
    [InlineData("kev=1", "kev")]
    [InlineData("fixAvailable=maybe", "fixAvailable")]
    [InlineData("epssMin=NaN", "epssMin")]
    [InlineData("epssMin=Infinity", "epssMin")]
    [InlineData("epssMin=-0.1", "epssMin")]
    [InlineData("epssMin=1.5", "epssMin")]
    [InlineData("epssMin=1e400", "epssMin")]
    [InlineData("epssMin=0,5", "epssMin")]
    [InlineData("assetId=not-a-guid", "assetId")]
    [InlineData("assetId=%00", "assetId")]
    public async Task A_hostile_filter_value_is_a_400_naming_it(string query, string field)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(DatabaseProvider.Sqlite));

        using var response = await tenant.Admin.GetAsync($"api/v1/findings?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"field\":\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task Random_query_values_are_answered_200_or_400_never_a_server_error(DatabaseProvider database)
    {
        var tenant = await TestTenant.CreateAsync(await SharedServers.For(database));
        var asset = (await TestAssets.SeedAsync(tenant, TestAssets.Instance(1, "10.0.0.1")))[0];
        await TestRuns.StoreAsync(tenant, TestRuns.Run(asset, 1));
        string[] paths = ["api/v1/findings", $"api/v1/assets/{asset}/findings", "api/v1/runs", $"api/v1/assets/{asset}/sbom",
            $"api/v1/assets/{asset}/packages"];
        string[] names = ["severity", "kev", "epssMin", "fixAvailable", "package", "cve", "assetId", "offset", "limit", "format", "current"];

        await Gen.Select(Gen.OneOfConst(paths), Gen.OneOfConst(names), Gen.String[Gen.Char[(char)0, (char)0x2FF], 0, 400])
            .SampleAsync(async (path, name, value) =>
            {
                using var response = await tenant.Admin.GetAsync($"{path}?{name}={Uri.EscapeDataString(value)}");
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.NotFound,
                    $"{path}?{name}={value} answered {(int)response.StatusCode}");
            }, iter: 150);
    }

    private static string Line(Guid asset, string id, string package, Severity severity) => $"{asset} {id} {package} {severity}";

    private static string Line(JsonNode f) =>
        Line(Guid.Parse((string)f["assetId"]!), (string)f["vulnerabilityId"]!, (string)f["packageName"]!,
            Enum.Parse<Severity>((string)f["severity"]!));

    private static async Task<List<JsonNode>> AllPagesAsync(TestTenant tenant, string query, int size)
    {
        var all = new List<JsonNode>();
        for (var offset = 0; ; offset += size)
        {
            var page = JsonNode.Parse(await tenant.Admin.GetStringAsync($"api/v1/findings?{query}&offset={offset}&limit={size}"))!;
            var items = page["items"]!.AsArray();
            all.AddRange(items.Select(i => i!));
            if (offset + size >= (int)page["total"]!)
            {
                return all;
            }
        }
    }

    /// <summary>One random filter, as the test evaluates it and as the query string the server reads.</summary>
    private sealed record Query(Severity[] Severities, bool? Kev, double? EpssMin, bool? FixAvailable, string? Package,
        string? Cve, int Asset)
    {
        public bool Keeps(RunFinding f) =>
            (Severities.Length == 0 || Severities.Contains(f.Severity))
            && (Kev is null || f.Kev == Kev)
            && (EpssMin is null || (f.EpssScore is { } e && e >= EpssMin))
            && (FixAvailable is null || (f.FixedVersion is not null) == FixAvailable)
            && (Package is null || f.PackageName == Package)
            && (Cve is null || f.VulnerabilityId == Cve || f.Aliases.Contains(Cve));

        public string Text(Guid? asset)
        {
            var parts = new List<string>();
            if (Severities.Length > 0)
            {
                // Any case, as users type it.
                parts.Add("severity=" + string.Join(",", Severities.Select(s => s.ToString().ToLowerInvariant())));
            }

            if (Kev is { } kev)
            {
                parts.Add($"kev={kev}");
            }

            if (EpssMin is { } epss)
            {
                parts.Add("epssMin=" + epss.ToString(CultureInfo.InvariantCulture));
            }

            if (FixAvailable is { } fix)
            {
                parts.Add($"fixAvailable={fix}");
            }

            if (Package is not null)
            {
                parts.Add($"package={Package}");
            }

            if (Cve is not null)
            {
                parts.Add($"cve={Cve}");
            }

            if (asset is { } id)
            {
                parts.Add($"assetId={id}");
            }

            return string.Join("&", parts);
        }
    }
}
