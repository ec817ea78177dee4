using System.Text.Json;
using Snapsight.Advisories.Tests.Reports;
using Snapsight.Cli.Tests.Sbom;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cli.Tests.Scan;

/// <summary>
/// <c>scan image</c> and <c>db</c> as a user runs them, on the real Debian 12 disk, with advisories
/// whose verdicts dpkg decided (<see cref="DebianAdvisoryFixture"/>).
/// </summary>
public sealed class ScanCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly DebianAdvisoryFixture fixture;
    private readonly string db;

    public ScanCommandTests()
    {
        var feeds = Directory.CreateDirectory(Path.Combine(temp.Path, "feeds")).FullName;
        fixture = DebianAdvisoryFixture.Write(feeds);
        db = Path.Combine(temp.Path, "advisories.db");
        var import = SnapsightProcess.Run("db", "import", feeds, "--db", db);
        Assert.True(import.ExitCode == 0, import.Stderr);
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Json_findings_are_exactly_what_dpkg_says_is_below_the_fix_in_debian_12_and_nothing_from_other_releases()
    {
        var result = SnapsightProcess.Run("scan", "image", DebianImages.Path("gpt-disk.qcow2"), "--db", db, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var found = json.RootElement.GetProperty("vulnerabilities").EnumerateArray()
            .Select(v => (v.GetProperty("id").GetString()!, v.GetProperty("package").GetProperty("name").GetString()!))
            .ToHashSet();
        Assert.NotEmpty(fixture.Expected);
        Assert.Equal(fixture.Expected.Order(), found.Order());
        var first = json.RootElement.GetProperty("vulnerabilities")[0];
        Assert.Equal("fixed", first.GetProperty("status").GetString());
        Assert.EndsWith("+deb12u99", first.GetProperty("fixedVersion").GetString(), StringComparison.Ordinal);
        Assert.Equal("dpkg", first.GetProperty("package").GetProperty("type").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("database").GetProperty("schemaVersion").GetInt32());
        Assert.Equal("debian", json.RootElement.GetProperty("os").GetProperty("family").GetString());
        Assert.NotEmpty(json.RootElement.GetProperty("remediations").EnumerateArray());
    }

    [Fact]
    public void Sarif_and_cyclonedx_reports_are_valid_against_their_schemas_and_carry_every_finding()
    {
        var image = DebianImages.Path("gpt-disk.qcow2");
        var sarif = SnapsightProcess.Run("scan", "image", image, "--db", db, "--format", "sarif");
        var cyclonedx = SnapsightProcess.Run("scan", "image", image, "--db", db, "--format", "cyclonedx");

        Assert.Equal(0, sarif.ExitCode);
        using var log = JsonDocument.Parse(sarif.Stdout);
        ReportSchemas.AssertValidSarif(log.RootElement);
        Assert.Equal(fixture.Expected.Count, log.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
        Assert.Equal(0, cyclonedx.ExitCode);
        using var bom = JsonDocument.Parse(cyclonedx.Stdout);
        SbomSchemas.AssertValidCycloneDx(bom.RootElement);
        Assert.Equal(fixture.Expected.Count, bom.RootElement.GetProperty("vulnerabilities").GetArrayLength());
    }

    [Fact]
    public void Exit_code_is_the_one_asked_for_when_findings_remain_and_zero_when_filters_leave_none()
    {
        var image = DebianImages.Path("gpt-disk.qcow2");
        Assert.Equal(3, SnapsightProcess.Run("scan", "image", image, "--db", db, "--exit-code", "3").ExitCode);
        // The test records carry no severity, so every finding is UNKNOWN: a CRITICAL-only scan finds nothing.
        var critical = SnapsightProcess.Run("scan", "image", image, "--db", db, "--exit-code", "3", "--severity", "CRITICAL");
        Assert.Equal(0, critical.ExitCode);
        Assert.Contains("No vulnerabilities found.", critical.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ignore_file_and_a_vex_statement_each_take_out_the_findings_they_name()
    {
        var ids = fixture.Expected.Select(e => e.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        var ignored = ids[0];
        var expired = ids[1];
        var ignoreFile = Path.Combine(temp.Path, "ignore");
        File.WriteAllText(ignoreFile, $"# accepted risks\n{ignored} exp:2999-12-31 # waiting for upstream\n{expired} exp:2001-01-01\n");
        var (vexId, vexPackage) = fixture.Expected.First(e => e.Id != ignored && e.Id != expired);
        var inventory = JsonDocument.Parse(SnapsightProcess.Run("inventory", DebianImages.Path("gpt-disk.qcow2"), "--format", "json").Stdout);
        var purl = inventory.RootElement.GetProperty("packages").EnumerateArray().First(p => p.GetProperty("name").GetString() == vexPackage).GetProperty("purl").GetString();
        var vexFile = Path.Combine(temp.Path, "vex.json");
        File.WriteAllText(vexFile, $$"""
            {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex-1", "author": "test", "timestamp": "2026-01-01T00:00:00Z", "version": 1,
             "statements": [{"vulnerability": {"name": "{{vexId}}"}, "products": [{"@id": "{{purl}}"}], "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}
            """);

        var result = SnapsightProcess.Run("scan", "image", DebianImages.Path("gpt-disk.qcow2"), "--db", db, "--format", "json", "--ignore-file", ignoreFile, "--vex", vexFile);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var found = json.RootElement.GetProperty("vulnerabilities").EnumerateArray()
            .Select(v => (v.GetProperty("id").GetString()!, v.GetProperty("package").GetProperty("name").GetString()!))
            .ToHashSet();
        var expected = fixture.Expected.Where(e => e.Id != ignored && e != (vexId, vexPackage)).ToHashSet();
        Assert.Equal(expected.Order(), found.Order());
        Assert.Contains(found, f => f.Item1 == expired);
    }

    [Fact]
    public void Table_groups_by_severity_and_ends_with_a_summary_and_the_upgrades()
    {
        var result = SnapsightProcess.Run("scan", "image", DebianImages.Path("gpt-disk.qcow2"), "--db", db);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"UNKNOWN ({fixture.Expected.Count})", result.Text, StringComparison.Ordinal);
        Assert.Contains($"{fixture.Expected.Count} vulnerabilities in ", result.Text, StringComparison.Ordinal);
        Assert.Contains("apt-get install --only-upgrade ", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_without_the_disks_release_says_so_instead_of_a_clean_bill()
    {
        var rockyOnly = Path.Combine(temp.Path, "rocky.db");
        Assert.Equal(0, SnapsightProcess.Run("db", "import", SharedData.Path("advisories", "rocky", "vunnel", "rocky", "test-fixtures", "osv"), "--db", rockyOnly).ExitCode);

        var result = SnapsightProcess.Run("scan", "image", DebianImages.Path("gpt-disk.qcow2"), "--db", rockyOnly, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Empty(json.RootElement.GetProperty("vulnerabilities").EnumerateArray());
        Assert.Contains(json.RootElement.GetProperty("gaps").EnumerateArray(), g => g.GetProperty("reason").GetString()!.Contains("no advisories for debian 12", StringComparison.Ordinal));
    }

    [Fact]
    public void Db_status_warns_on_stderr_when_the_database_is_over_a_day_old()
    {
        Assert.DoesNotContain("warning", SnapsightProcess.Run("db", "status", "--db", db).Stderr, StringComparison.Ordinal);
        var aged = Path.Combine(temp.Path, "aged.db");
        File.Copy(db, aged);
        Tool.Run("/usr/bin/python3", "-c", "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.execute(\"UPDATE meta SET value = '2026-01-01T00:00:00.0000000+00:00' WHERE key = 'built_at'\")\nc.commit()", aged);

        var status = SnapsightProcess.Run("db", "status", "--db", aged);

        Assert.Equal(0, status.ExitCode);
        Assert.Contains("warning: the advisory database is", status.Stderr, StringComparison.Ordinal);
        Assert.Contains("snapsight db update", status.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_database_is_exit_code_2_with_one_sentence_that_says_what_to_run()
    {
        var result = SnapsightProcess.Run("scan", "image", DebianImages.Path("gpt-disk.qcow2"), "--db", Path.Combine(temp.Path, "none.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("snapsight db update", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_reported_as_such_although_it_is_opened_while_the_disk_is_read()
    {
        var notADatabase = Path.Combine(temp.Path, "junk.db");
        File.WriteAllBytes(notADatabase, new byte[8192]);

        var result = SnapsightProcess.Run("scan", "image", DebianImages.Path("gpt-disk.qcow2"), "--db", notADatabase, "--format", "json");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("is not an advisory database", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_database_is_refused_before_the_image_is_opened()
    {
        var result = SnapsightProcess.Run("scan", "image", Path.Combine(temp.Path, "no-such-image"), "--db", Path.Combine(temp.Path, "none.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no advisory database", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_ignore_file_line_is_refused_before_the_image_is_read()
    {
        var ignoreFile = Path.Combine(temp.Path, "bad-ignore");
        File.WriteAllText(ignoreFile, "CVE-2024-0001 exp:tomorrow\n");

        var result = SnapsightProcess.Run("scan", "image", Path.Combine(temp.Path, "no-such-image"), "--db", db, "--ignore-file", ignoreFile);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 1", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Db_status_names_the_feeds_and_counts_and_a_failed_import_leaves_the_database_as_it_was()
    {
        var status = SnapsightProcess.Run("db", "status", "--db", db);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("osv", status.Text, StringComparison.Ordinal);
        Assert.Contains("vulnerabilities", status.Text, StringComparison.Ordinal);

        var before = File.ReadAllBytes(db);
        var broken = Path.Combine(temp.Path, "broken.tar.gz");
        File.WriteAllBytes(broken, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]);
        var import = SnapsightProcess.Run("db", "import", broken, "--db", db);

        Assert.Equal(2, import.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(db));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }
}
