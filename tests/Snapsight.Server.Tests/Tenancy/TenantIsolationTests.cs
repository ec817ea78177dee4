using Snapsight.Control.Persistence;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Tenancy;

/// <summary>
/// Tenant isolation, proved over HTTP for every operation the server describes: tenant A's admin
/// aims each one at tenant B's objects, and gets 404 or 403 for B's objects, none of B's values
/// in any answer, and leaves B's rows and B's own view of its lists exactly as they were.
/// </summary>
public sealed class TenantIsolationTests
{
    [Fact]
    public async Task Every_documented_operation_has_an_isolation_probe()
    {
        var documented = await EndpointInventory.DocumentedAsync(await SharedServers.For(DatabaseProvider.Sqlite));

        var missing = documented.Where(op => !IsolationCoverage.Table.ContainsKey(op)).Order(StringComparer.Ordinal).ToList();
        var stale = IsolationCoverage.Table.Keys.Where(op => !documented.Contains(op)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0,
            $"No tenant isolation probe for: {string.Join(", ", missing)}. Add one entry per operation to "
            + $"{nameof(IsolationCoverage)}.{nameof(IsolationCoverage.Table)} (tests/Snapsight.Server.Tests/Tenancy/IsolationCoverage.cs), "
            + "e.g. [\"DELETE /api/v1/things/{id}\"] = IsolationProbe.Changes(null, IsolationId.Of<Thing>(\"id\")); "
            + "and seed a Thing for both tenants in IsolationSeed.");
        Assert.True(stale.Count == 0,
            $"Isolation probes for operations the OpenAPI document does not list: {string.Join(", ", stale)}. Fix the key or remove the entry.");
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_mapped_endpoint()
    {
        var server = await SharedServers.For(DatabaseProvider.Sqlite);
        var documented = await EndpointInventory.DocumentedAsync(server);

        var hidden = EndpointInventory.Mapped(server)
            .Where(op => !documented.Contains(op) && !IsolationCoverage.NotDocumented.ContainsKey(op))
            .Order(StringComparer.Ordinal).ToList();

        Assert.True(hidden.Count == 0,
            $"Mapped but missing from /openapi/v1.json, so no isolation probe would ever see them: {string.Join(", ", hidden)}. "
            + "Do not exclude API endpoints from the description; if one truly needs no tenant, list it in "
            + $"{nameof(IsolationCoverage)}.{nameof(IsolationCoverage.NotDocumented)} with the reason.");
        Assert.All(IsolationCoverage.NotDocumented.Keys, op => Assert.Contains(op, EndpointInventory.Mapped(server)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Both), MemberType = typeof(TestDatabases))]
    public async Task One_tenant_can_neither_read_nor_change_anything_of_another(DatabaseProvider database)
    {
        var server = await SharedServers.For(database);
        var a = await TestTenant.CreateAsync(server);
        var b = await TestTenant.CreateAsync(server);
        await IsolationSeed.GiveEverythingAsync(a, b);
        var aRows = await TenantRows.ReadAsync(server, a.SubscriptionId);
        var bRows = await TenantRows.ReadAsync(server, b.SubscriptionId);
        var empty = bRows.EntityTypes.Where(t => bRows.Of(t).Count == 0).Select(t => t.Name).ToList();
        Assert.True(empty.Count == 0,
            $"Tenant B has no {string.Join(", ", empty)}: seed some in {nameof(IsolationSeed)} so the probes have B's to aim at.");

        var run = new IsolationRun(a, b, bRows, bRows.ValuesNotIn(aRows));
        var documented = await EndpointInventory.DocumentedAsync(server);
        var probes = IsolationCoverage.Table.Where(e => documented.Contains(e.Key) && e.Value is not IsolationProbe.ExemptProbe)
            .OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        var readBacks = probes.Where(p => p.Value.IsReadBack).ToList();
        Assert.NotEmpty(readBacks);

        foreach (var (operation, probe) in probes)
        {
            for (run.Target = 0; run.Target < run.TargetsOf(probe); run.Target++)
            {
                await ProbeOnceAsync(run, operation, probe, readBacks);
            }
        }

        Assert.True(run.Failures.Count == 0, $"Tenant isolation broken on {database}:\n" + string.Join("\n", run.Failures));
    }

    /// <summary>Sends one probe, then checks that B's rows and B's own view of its lists did not move.</summary>
    private static async Task ProbeOnceAsync(IsolationRun run, string operation, IsolationProbe probe,
        List<KeyValuePair<string, IsolationProbe>> readBacks)
    {
        var server = run.B.Server;
        var viewBefore = await ReadBackAsync(run, readBacks);
        var rowsBefore = await TenantRows.ReadAsync(server, run.B.SubscriptionId);
        var (method, path) = Split(operation);
        await probe.ProveAsync(method, path, run);

        var changed = (await TenantRows.ReadAsync(server, run.B.SubscriptionId)).ChangesSince(rowsBefore);
        if (changed.Count > 0)
        {
            run.Fail(operation, "changed B's rows:\n    " + string.Join("\n    ", changed));
        }

        if (await ReadBackAsync(run, readBacks) != viewBefore)
        {
            run.Fail(operation, "changed what B's admin sees in B's lists");
        }
    }

    /// <summary>B's own answers to every list and own-subscription read, as one text.</summary>
    private static async Task<string> ReadBackAsync(IsolationRun run, List<KeyValuePair<string, IsolationProbe>> readBacks)
    {
        var view = new System.Text.StringBuilder();
        foreach (var (operation, probe) in readBacks)
        {
            var (method, path) = Split(operation);
            var answer = await run.SendAsB(method, probe is IsolationProbe.ListProbe { Query: { } query } ? $"{path}?{query}" : path, probe);
            view.Append(operation).Append(" → ").Append((int)answer.Status).Append(' ').AppendLine(answer.Text);
        }

        return view.ToString();
    }

    private static (string Method, string Path) Split(string operation) =>
        operation.Split(' ', 2) is [var method, var path] ? (method, path) : throw new InvalidOperationException(operation);
}
