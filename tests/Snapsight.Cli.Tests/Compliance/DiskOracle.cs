using Snapsight.Compliance.Tests.OracleFixtures;

namespace Snapsight.Cli.Tests.Compliance;

/// <summary>OpenSCAP's answers for the tree the compliance disk image holds, and which of them a file tree decides.</summary>
internal static class DiskOracle
{
    private const string RulePrefix = "xccdf_org.ssgproject.content_rule_";

    /// <summary>Every Debian 11 profile evaluated on the tree the disk holds.</summary>
    public static IReadOnlyList<OracleCase> Cases => ComplianceFixtures.Cases.Where(c => c.Tree == ComplianceFixtures.DiskImageTree).ToList();

    public static IReadOnlyList<OracleRuleResult> Standard => Cases.Single(c => c.Profile == "standard").ReadOracle();

    /// <summary>
    /// The rule's objects are all files a tree answers, OpenSCAP could collect them offline, and
    /// none is dpkginfo (OpenSCAP 1.3.7's probe reads the host's APT, not the tree's): OpenSCAP's
    /// answer is then the tree's.
    /// </summary>
    public static bool TreeDecides(OracleRuleResult rule) => rule.FileBased && !rule.OscapOfflineGap && !rule.ObjectTypes.Contains("dpkginfo");

    /// <summary>The part of a Security Guide rule id after its prefix, as <c>--rule</c> accepts it.</summary>
    public static string ShortName(string ruleId) => ruleId[RulePrefix.Length..];
}
