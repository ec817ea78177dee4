using Snapsight.Cli.Tests.Compliance;
using Snapsight.Compliance.Assessment;
using Snapsight.Compliance.Tests.OracleFixtures;
using Snapsight.Disk.BlockDevices;

namespace Snapsight.Scanning.Tests;

/// <summary>
/// Compliance inside a machine scan: on the hardened Debian 11 disk of tests/images/build-compliance-trees
/// (opened as a block device) every rule a file tree decides gets OpenSCAP's answer for that tree;
/// a system without installed content, or a profile the content lacks, is a recorded skip, not a failed scan.
/// </summary>
public sealed class ComplianceScanTests
{
    [Fact]
    public async Task The_standard_profile_gives_openscaps_answers_on_the_rules_the_tree_decides()
    {
        using var disk = FileBlockDevice.Open(ComplianceFixtures.DiskImage);

        var result = await ScanPipeline.RunAsync("i-hardened", [new ScanVolume("vol-root", disk)], new ScanOptions { Compliance = new ComplianceRequest("standard") });

        Assert.Null(result.ComplianceSkipped);
        var ours = result.Compliance!.Assessment.Rules.ToDictionary(r => r.Rule.Id, r => RuleResultNames.Of(r.Result), StringComparer.Ordinal);
        var decidable = DiskOracle.Standard.Where(DiskOracle.TreeDecides).ToList();
        Assert.NotEmpty(decidable);
        Assert.Contains(decidable, r => r.Result == "fail");
        var disagreements = decidable.Where(r => ours.GetValueOrDefault(r.RuleId) != r.Result).Select(r => $"{r.RuleId}: oscap {r.Result}, ours {ours.GetValueOrDefault(r.RuleId)}").ToList();
        Assert.True(disagreements.Count == 0, string.Join('\n', disagreements));
    }

    [Fact]
    public async Task A_profile_the_content_lacks_is_skipped_with_the_reason_and_the_rest_of_the_scan_stands()
    {
        using var disk = FileBlockDevice.Open(ComplianceFixtures.DiskImage);

        var result = await ScanPipeline.RunAsync(
            "i-hardened", [new ScanVolume("vol-root", disk)], new ScanOptions { Compliance = new ComplianceRequest("no-such-profile") });

        Assert.Null(result.Compliance);
        Assert.Contains("no-such-profile", result.ComplianceSkipped, StringComparison.Ordinal);
        Assert.Contains(result.Gaps, g => g.Where == "compliance");
        Assert.NotEmpty(result.Inventory.Packages);
    }

    [Fact]
    public async Task A_system_without_installed_content_is_skipped_with_the_reason()
    {
        // The Security Guide in Debian 12 ships content for Debian 10 and 11, not for Debian 12 itself.
        using var root = FileBlockDevice.Open(DataVolumes.Root);

        var result = await ScanPipeline.RunAsync("i-0123", [new ScanVolume("vol-root", root)], new ScanOptions { Compliance = new ComplianceRequest("standard") });

        Assert.Equal("12", result.Os?.VersionId);
        Assert.Null(result.Compliance);
        Assert.StartsWith("no SCAP Security Guide content for Debian", result.ComplianceSkipped, StringComparison.Ordinal);
    }
}
