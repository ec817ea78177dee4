namespace Snapsight.Compliance.Tests.OracleFixtures;

/// <summary>
/// One row of an oracle TSV (tests/images/compliance/oracle-results.py): what OpenSCAP answered
/// for one selected rule, and whether a file tree alone can decide it (rule-kinds.py).
/// </summary>
/// <param name="RuleId">The XCCDF rule id.</param>
/// <param name="Result">OpenSCAP's XCCDF result: pass, fail, error, unknown, notapplicable, notchecked, informational…</param>
/// <param name="FileBased">Every OVAL object behind the rule and its platforms is of a type a file tree can answer.</param>
/// <param name="UsesPartition">A partition object is among them: OpenSCAP answers those from the host's /proc/mounts.</param>
/// <param name="ObjectTypes">The OVAL object types reached (sorted), empty when the rule has no OVAL check.</param>
/// <param name="OscapOfflineGap">
/// One of those types is one OpenSCAP could not collect from this tree (offline/TREE.tsv): shadow,
/// sysctl and uname refuse offline mode, partition and environmentvariable58 look in the tree's
/// empty /proc, the systemd probes need D-Bus. OpenSCAP's answer then says nothing about the tree.
/// </param>
public sealed record OracleRuleResult(
    string RuleId, string Result, bool FileBased, bool UsesPartition, IReadOnlyList<string> ObjectTypes, bool OscapOfflineGap)
{
    public const string Header = "rule\tresult\tfile_based\tuses_partition\tobject_types\toscap_offline_gap";

    /// <summary>Reads an oracle TSV; a malformed line throws naming the file and line.</summary>
    public static IReadOnlyList<OracleRuleResult> ReadAll(string file) =>
        TsvFile.Rows(file, Header).Select(row => Parse(row.Fields, row.Where)).ToList();

    private static OracleRuleResult Parse(string[] fields, string where)
    {
        if (fields.Length != 6 || fields.Any(f => f.Length == 0))
        {
            throw new InvalidDataException($"{where}: expected six non-empty tab-separated fields");
        }

        var types = fields[4] == "-" ? [] : fields[4].Split(',');
        return new OracleRuleResult(fields[0], fields[1], YesNo(fields[2], where), YesNo(fields[3], where), types, YesNo(fields[5], where));
    }

    private static bool YesNo(string field, string where) => field switch
    {
        "yes" => true,
        "no" => false,
        _ => throw new InvalidDataException($"{where}: '{field}' is neither yes nor no"),
    };
}
