using System.Text.Json;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Compliance.Tests.OracleFixtures;

/// <summary>
/// The OpenSCAP oracle fixtures are there and well formed, and say what they claim: the profiles
/// evaluated are those <c>oscap info</c> lists, the trees are the releases they are named after
/// (dpkg-query, rpm), the variants change what they were made to change, and the disk image
/// holds the hardened tree (sfdisk, The Sleuth Kit). The comparison of our engine with these
/// answers is a separate test.
/// </summary>
public sealed class OracleFixtureTests
{
    private static readonly HashSet<string> XccdfResults =
        ["pass", "fail", "error", "unknown", "notapplicable", "notchecked", "informational", "fixed"];

    // issue 5's list of object types a file tree can answer, plus variable_object (it reads an OVAL variable only).
    private static readonly HashSet<string> FileBasedTypes =
    [
        "family", "textfilecontent54", "textfilecontent", "file", "symlink", "dpkginfo", "rpminfo", "partition",
        "password", "shadow", "environmentvariable58", "xmlfilecontent", "systemdunitproperty", "systemdunitdependency",
        "variable",
    ];

    private static readonly string[] HardenedFiles = ["/etc/fstab", "/etc/ssh/sshd_config", "/etc/login.defs"];

    [Fact]
    public void Every_tree_is_evaluated_with_every_profile_oscap_lists()
    {
        foreach (var group in ComplianceFixtures.Cases.GroupBy(c => (c.Tree, c.Content)))
        {
            var listed = Tool.Run("oscap", "info", "--profiles", ComplianceFixtures.DataStreamPath(group.Key.Content))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(':', 2)[0]);
            Assert.Equal(listed.Order(StringComparer.Ordinal), group.Select(c => c.ProfileId).Order(StringComparer.Ordinal));
            Assert.True(Directory.Exists(ComplianceFixtures.TreePath(group.Key.Tree)), group.Key.Tree);
        }

        Assert.Contains(ComplianceFixtures.Cases, c => c.Content == "debian11");
        Assert.Contains(ComplianceFixtures.Cases, c => c.Content == "fedora");
    }

    [Fact]
    public void Every_oracle_file_is_well_formed()
    {
        var gaps = ComplianceFixtures.Trees.ToDictionary(
            tree => tree, tree => ComplianceFixtures.OfflineProbes(tree).Where(p => p.IsGap).Select(p => p.ObjectType).ToHashSet());
        Assert.All(ComplianceFixtures.Cases, @case =>
        {
            var rows = @case.ReadOracle();
            Assert.NotEmpty(rows);
            Assert.Equal(rows.Count, rows.Select(r => r.RuleId).Distinct(StringComparer.Ordinal).Count());
            Assert.All(rows, row =>
            {
                Assert.StartsWith("xccdf_org.ssgproject.content_rule_", row.RuleId, StringComparison.Ordinal);
                Assert.Contains(row.Result, XccdfResults);
                Assert.Equal(row.ObjectTypes.Count > 0 && row.ObjectTypes.All(FileBasedTypes.Contains), row.FileBased);
                Assert.Equal(row.ObjectTypes.Contains("partition"), row.UsesPartition);
                Assert.Equal(row.ObjectTypes.Any(gaps[@case.Tree].Contains), row.OscapOfflineGap);
            });
            Assert.True(File.Exists(@case.ResultsPath), @case.ResultsPath);
        });
    }

    [Fact]
    public void Object_types_follow_the_oval_schema_for_known_rules()
    {
        // Read in the data stream by hand: sysctl_kernel_randomize_va_space tests a sysctl_object
        // (the running kernel) besides the sysctl.d files; partition_for_tmp a partition_object;
        // file_permissions_etc_shadow only file_object, under the Debian 11 platform's
        // textfilecontent54 and family checks.
        var kinds = new OracleCase("debian11-minimal", "debian11", "standard").ReadOracle()
            .Concat(new OracleCase("debian11-minimal", "debian11", "anssi_np_nt28_high").ReadOracle())
            .DistinctBy(r => r.RuleId)
            .ToDictionary(r => r.RuleId[("xccdf_org.ssgproject.content_rule_".Length)..], StringComparer.Ordinal);
        Assert.False(kinds["sysctl_kernel_randomize_va_space"].FileBased);
        Assert.Contains("sysctl", kinds["sysctl_kernel_randomize_va_space"].ObjectTypes);
        Assert.True(kinds["partition_for_tmp"].UsesPartition);
        Assert.True(kinds["file_permissions_etc_shadow"].FileBased);
        Assert.Equal(["family", "file", "textfilecontent54"], kinds["file_permissions_etc_shadow"].ObjectTypes);
    }

    [Fact]
    public void Offline_probes_ask_every_tree_once_per_probe()
    {
        Assert.All(ComplianceFixtures.Trees, tree =>
        {
            var flags = ComplianceFixtures.OfflineProbes(tree);
            Assert.Equal(flags.Count, flags.Select(f => f.ObjectType).Distinct(StringComparer.Ordinal).Count());
            // The controls: plain files are what OSCAP_PROBE_ROOT is for.
            Assert.All(flags.Where(f => f.ObjectType is "textfilecontent54" or "file" or "symlink" or "password"), f => Assert.False(f.IsGap, f.ToString()));
            Assert.Contains(flags, f => f.ObjectType == "partition");
        });
    }

    [Fact]
    public void Timings_cover_every_evaluation()
    {
        var timings = ComplianceFixtures.Timings;
        Assert.Equal(
            ComplianceFixtures.Cases.Select(c => $"{c.Tree} {c.Content} {c.Profile}"),
            timings.Select(t => $"{t.Tree} {t.Content} {t.Profile}"));
        Assert.All(timings, t =>
        {
            Assert.True(t.Seconds > 0, t.ToString());
            Assert.True(t.OscapExit is 0 or 2, t.ToString());
        });
        Assert.Equal(
            ComplianceFixtures.Cases.Select(c => c.ReadOracle().Count),
            timings.Select(t => t.Rules));
    }

    [Fact]
    public void The_trees_are_the_releases_they_are_named_after()
    {
        foreach (var tree in ComplianceFixtures.Trees.Where(t => t.StartsWith("debian11-", StringComparison.Ordinal)))
        {
            Assert.StartsWith("11.", File.ReadAllText(Path.Combine(ComplianceFixtures.TreePath(tree), "etc", "debian_version")), StringComparison.Ordinal);
            Assert.Contains("ii\topenssh-server", DpkgList(tree), StringComparison.Ordinal);
        }

        Assert.StartsWith("10.", File.ReadAllText(Path.Combine(ComplianceFixtures.TreePath("debian10-on-bullseye"), "etc", "debian_version")), StringComparison.Ordinal);

        var fedora = ComplianceFixtures.TreePath("fedora36");
        var rpms = Tool.Run("rpm", "--root", fedora, "--dbpath", "/usr/lib/sysimage/rpm", "-qa", "--qf", "%{NAME}\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("fedora-release", rpms);
        Assert.Contains("openssh-server", rpms);
        Assert.Equal("cpe:/o:fedoraproject:fedora:36\n", File.ReadAllText(Path.Combine(fedora, "etc", "system-release-cpe")));
        // The platform check passed: OpenSCAP did not mark every rule not applicable.
        Assert.Contains(new OracleCase("fedora36", "fedora", "standard").ReadOracle(), r => r.Result == "pass");
    }

    [Fact]
    public void The_variants_change_what_they_were_made_to_change()
    {
        Assert.DoesNotContain("ii\tauditd", DpkgList("debian11-packages-removed"), StringComparison.Ordinal);
        Assert.DoesNotContain("ii\trsyslog", DpkgList("debian11-packages-removed"), StringComparison.Ordinal);
        Assert.Contains("ii\trsyslog", DpkgList("debian11-minimal"), StringComparison.Ordinal);
        Assert.Equal("644", Tool.Run("stat", "-c", "%a", Path.Combine(ComplianceFixtures.TreePath("debian11-permissions"), "etc", "shadow")).Trim());
        Assert.Equal("1000", Tool.Run("stat", "-c", "%u", Path.Combine(ComplianceFixtures.TreePath("debian11-permissions"), "etc", "passwd")).Trim());

        // And OpenSCAP saw the change: the same rule, two trees, two answers.
        Assert.Equal(("fail", "pass"), Results("standard", "sshd_disable_root_login", "debian11-minimal", "debian11-hardened"));
        Assert.Equal(("pass", "fail"), Results("standard", "file_permissions_etc_shadow", "debian11-minimal", "debian11-permissions"));
        Assert.Equal(("pass", "fail"), Results("anssi_np_nt28_high", "package_rsyslog_installed", "debian11-minimal", "debian11-packages-removed"));
        Assert.Equal(("pass", "fail"), Results("anssi_np_nt28_high", "sudo_remove_nopasswd", "debian11-minimal", "debian11-weak-config"));
    }

    [Fact]
    public void The_disk_image_holds_the_hardened_tree()
    {
        using var table = JsonDocument.Parse(Tool.Run("sfdisk", "--json", ComplianceFixtures.DiskImage));
        var partitionTable = table.RootElement.GetProperty("partitiontable");
        Assert.Equal("gpt", partitionTable.GetProperty("label").GetString());
        var partitions = partitionTable.GetProperty("partitions").EnumerateArray().ToArray();
        Assert.Equal(3, partitions.Length);
        var rootStart = partitions[0].GetProperty("start").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains("Volume Name: rootfs", Tool.Run("fsstat", "-o", rootStart, ComplianceFixtures.DiskImage), StringComparison.Ordinal);
        foreach (var path in HardenedFiles)
        {
            var inode = Tool.Run("ifind", "-o", rootStart, "-n", path, ComplianceFixtures.DiskImage).Trim();
            var inImage = Tool.RunBytes("icat", ["-o", rootStart, ComplianceFixtures.DiskImage, inode]);
            Assert.Equal(File.ReadAllBytes(ComplianceFixtures.TreePath(ComplianceFixtures.DiskImageTree) + path), inImage);
        }
    }

    private static string DpkgList(string tree) => Tool.Run(
        "dpkg-query", $"--admindir={Path.Combine(ComplianceFixtures.TreePath(tree), "var", "lib", "dpkg")}",
        "-W", "-f", "${db:Status-Abbrev}\t${Package}\n").Replace(" ", "", StringComparison.Ordinal);

    private static (string, string) Results(string profile, string rule, string firstTree, string secondTree)
    {
        string Of(string tree) => new OracleCase(tree, "debian11", profile).ReadOracle()
            .Single(r => r.RuleId == "xccdf_org.ssgproject.content_rule_" + rule).Result;
        return (Of(firstTree), Of(secondTree));
    }
}
