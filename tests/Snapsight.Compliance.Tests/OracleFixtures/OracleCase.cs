namespace Snapsight.Compliance.Tests.OracleFixtures;

/// <summary>
/// One tree evaluated with one profile of one Security Guide data stream: what the comparison
/// test runs our engine on, and the file holding OpenSCAP's answer for it.
/// </summary>
/// <param name="Tree">The tree's name (folder under trees/), e.g. <c>debian11-hardened</c>.</param>
/// <param name="Content">The data stream's name, e.g. <c>debian11</c> for ssg-debian11-ds.xml.</param>
/// <param name="Profile">The profile's short name, e.g. <c>anssi_np_nt28_high</c>.</param>
public sealed record OracleCase(string Tree, string Content, string Profile)
{
    private const string ProfilePrefix = "xccdf_org.ssgproject.content_profile_";

    /// <summary>The XCCDF profile id, as <c>oscap info --profiles</c> prints it.</summary>
    public string ProfileId => ProfilePrefix + Profile;

    public string TreePath => ComplianceFixtures.TreePath(Tree);

    public string DataStreamPath => ComplianceFixtures.DataStreamPath(Content);

    public string OraclePath => Path.Combine(ComplianceFixtures.Folder, "oracle", Tree, Profile + ".tsv");

    /// <summary>OpenSCAP's raw results file, for looking into a disagreement.</summary>
    public string ResultsPath => Path.Combine(ComplianceFixtures.Folder, "results", Tree, Profile + ".xml");

    public IReadOnlyList<OracleRuleResult> ReadOracle() => OracleRuleResult.ReadAll(OraclePath);

    public override string ToString() => $"{Tree} {Content} {Profile}";

    /// <summary>The short name of a profile id (the part after the Security Guide's prefix).</summary>
    public static string ShortName(string profileId) =>
        profileId.StartsWith(ProfilePrefix, StringComparison.Ordinal) ? profileId[ProfilePrefix.Length..] : profileId;
}
