using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Advisories.Model;
using Snapsight.Compliance.Assessment;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;
using Snapsight.Control.Tenancy;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Results;

/// <summary>Runs stored the way the scan workflow will store them: through <see cref="ScanResults"/>, in the tenant's scope.</summary>
public static class TestRuns
{
    public static readonly DateTime Start = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    public static RunFinding Finding(string id, string package, Severity severity = Severity.High,
        string? fixedVersion = "2.0", bool kev = false, double? epss = 0.5, params string[] aliases) =>
        new(id, aliases, package, "1.0", fixedVersion, severity, 7.5, kev, epss, fixedVersion is null ? null : $"upgrade {package} to {fixedVersion}");

    public static RunPackage Package(string name, string version, string arch = "amd64") =>
        new("dpkg", name, version, arch, $"pkg:deb/debian/{name}@{version}?arch={arch}", name);

    public static RunResult Run(Guid assetId, int hour, IReadOnlyList<RunPackage>? packages = null,
        IReadOnlyList<RunFinding>? findings = null, Guid? runId = null) =>
        new(runId ?? Guid.NewGuid(), assetId, Start.AddHours(hour), new RunOs("debian", "Debian GNU/Linux", "12"),
            packages ?? [Package("openssl", "3.0.1")], findings ?? [Finding("CVE-2024-0001", "openssl")],
            [new RunRuleResult("xccdf_org.ssgproject.content_profile_standard", "xccdf_org.ssgproject.content_rule_a", "Rule A", "medium", RuleResult.Fail)],
            new ReadStatistics(1 << 20, 64), $$"""{"bomFormat":"CycloneDX","serialNumber":"urn:uuid:{{Guid.NewGuid()}}"}""",
            $$"""{"spdxVersion":"SPDX-2.3","name":"{{Guid.NewGuid()}}"}""");

    public static async Task<StoreOutcome> StoreAsync(TestTenant tenant, RunResult run)
    {
        await using var scope = tenant.Server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.SubscriptionId);
        return await scope.ServiceProvider.GetRequiredService<ScanResults>().StoreAsync(run, CancellationToken.None);
    }

    /// <summary>How many rows of each result table the tenant holds, read apart from the API.</summary>
    public static async Task<(int Runs, int Packages, int Findings, int Rules, int Sboms)> CountAsync(TestTenant tenant)
    {
        await using var scope = tenant.Server.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.SubscriptionId);
        var db = scope.ServiceProvider.GetRequiredService<ControlDbContext>();
        return (await db.StoredRuns.CountAsync(), await db.StoredPackages.CountAsync(), await db.StoredFindings.CountAsync(),
            await db.StoredRuleResults.CountAsync(), await db.StoredSboms.CountAsync());
    }
}
