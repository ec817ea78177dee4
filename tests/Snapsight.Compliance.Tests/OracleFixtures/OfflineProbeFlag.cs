namespace Snapsight.Compliance.Tests.OracleFixtures;

/// <summary>
/// One row of offline/TREE.tsv (tests/images/compliance/probe-flags.py): the flag OpenSCAP gave,
/// under OSCAP_PROBE_ROOT, to one object of a probe that every real system has
/// (tests/images/compliance/offline-probes.xml). Anything but "complete" is a gap of OpenSCAP's.
/// </summary>
public sealed record OfflineProbeFlag(string ObjectType, string Flag, int Items, string Message)
{
    public const string Header = "type\tflag\titems\tmessage";

    public bool IsGap => Flag != "complete";

    public static IReadOnlyList<OfflineProbeFlag> ReadAll(string file) =>
        TsvFile.Rows(file, Header).Select(row => row.Fields).Select(f => new OfflineProbeFlag(
            f[0], f[1], int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), f[3])).ToList();
}
