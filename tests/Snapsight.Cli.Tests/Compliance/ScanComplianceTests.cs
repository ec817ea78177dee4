using System.Text.Json;
using Snapsight.Compliance.Tests.OracleFixtures;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cli.Tests.Compliance;

/// <summary><c>scan image --compliance PROFILE</c>: the same assessment as <c>compliance</c>, inside the scan report.</summary>
public sealed class ScanComplianceTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string db;

    public ScanComplianceTests()
    {
        db = Path.Combine(temp.Path, "advisories.db");
        var import = SnapsightProcess.Run("db", "import", SharedData.Path("advisories", "rocky", "vunnel", "rocky", "test-fixtures", "osv"), "--db", db);
        Assert.True(import.ExitCode == 0, import.Stderr);
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_scan_reports_compliance_object_has_the_rules_the_compliance_command_gives()
    {
        var scan = SnapsightProcess.Run("scan", "image", ComplianceFixtures.DiskImage, "--db", db, "--compliance", "standard", "--format", "json");
        using var compliance = ComplianceJson.Run(ComplianceFixtures.DiskImage, "--profile", "standard");

        Assert.True(scan.ExitCode == 0, scan.Stderr);
        using var json = JsonDocument.Parse(scan.Stdout);
        var inScan = ComplianceJson.Results(json.RootElement.GetProperty("compliance"));
        Assert.NotEmpty(inScan);
        Assert.Equal(
            ComplianceJson.Results(compliance.RootElement).OrderBy(r => r.Key, StringComparer.Ordinal),
            inScan.OrderBy(r => r.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Compliance_with_sarif_is_refused_before_the_image_is_read()
    {
        var missing = Path.Combine(temp.Path, "no-such-disk.raw");

        var result = SnapsightProcess.Run("scan", "image", missing, "--db", db, "--compliance", "standard", "--format", "sarif");

        // The image does not exist: refusing with the format's message proves it was never opened.
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--compliance", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("sarif", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("no-such-disk", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_code_applies_when_a_compliance_rule_fails()
    {
        Assert.Contains(DiskOracle.Standard, r => DiskOracle.TreeDecides(r) && r.Result == "fail");

        var result = SnapsightProcess.Run("scan", "image", ComplianceFixtures.DiskImage, "--db", db, "--compliance", "standard", "--exit-code", "5");
        var withoutCompliance = SnapsightProcess.Run("scan", "image", ComplianceFixtures.DiskImage, "--db", db, "--exit-code", "5");

        Assert.Equal(5, result.ExitCode);
        Assert.Equal(0, withoutCompliance.ExitCode);
    }
}
