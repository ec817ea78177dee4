using Snapsight.Disk.Tests.Support;

namespace Snapsight.Compliance.Tests.OracleFixtures;

/// <summary>
/// The real root trees, the disk image and OpenSCAP's answers on them, built by
/// <c>tests/images/build-compliance-trees</c> (cached between runs; docs/compliance/oracle.md).
/// The first use runs the script, as every fixture of this repository does; enumerate
/// <see cref="Cases"/> inside a test, not in MemberData, so test discovery stays cheap.
/// </summary>
public static class ComplianceFixtures
{
    public const string ContentDirectory = "/usr/share/xml/scap/ssg/content";

    private static readonly FixtureScript Script = new("build-compliance-trees");
    private static readonly Lazy<IReadOnlyList<OracleCase>> AllCases = new(ReadCases, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The fixture folder (…/test-images/compliance), built on first use.</summary>
    public static string Folder => Script.Folder;

    /// <summary>GPT disk: p1 ext4 "rootfs" holding the debian11-hardened tree, p2 ext4 "home", p3 ext4 "vartmp".</summary>
    public static string DiskImage => Path.Combine(Folder, "debian11-hardened.raw");

    /// <summary>The tree the disk image holds.</summary>
    public const string DiskImageTree = "debian11-hardened";

    /// <summary>Every tree with every profile of its data stream, in the order trees.tsv lists them.</summary>
    public static IReadOnlyList<OracleCase> Cases => AllCases.Value;

    /// <summary>The trees' names (folders under trees/).</summary>
    public static IReadOnlyList<string> Trees => Cases.Select(c => c.Tree).Distinct().ToList();

    /// <summary>How long each <c>oscap xccdf eval</c> took while the fixtures were built.</summary>
    public static IReadOnlyList<OscapTiming> Timings => OscapTiming.ReadAll(Path.Combine(Folder, "timings.tsv"));

    public static string TreePath(string tree) => Path.Combine(Folder, "trees", tree);

    /// <summary>The installed Security Guide data stream for a content name (debian11, fedora…).</summary>
    public static string DataStreamPath(string content) => Path.Combine(ContentDirectory, $"ssg-{content}-ds.xml");

    /// <summary>rule-kinds.py on a data stream: every rule with file_based, uses_partition and object_types.</summary>
    public static string KindsPath(string content) => Path.Combine(Folder, "kinds", content + ".tsv");

    /// <summary>What OpenSCAP could collect from a tree, one object per probe (its offline gaps).</summary>
    public static IReadOnlyList<OfflineProbeFlag> OfflineProbes(string tree) =>
        OfflineProbeFlag.ReadAll(Path.Combine(Folder, "offline", tree + ".tsv"));

    private static List<OracleCase> ReadCases() =>
        TsvFile.Rows(Path.Combine(Folder, "trees.tsv"), "tree\tdatastream\tprofiles")
            .SelectMany(row => row.Fields[2].Split(',').Select(profile => new OracleCase(row.Fields[0], row.Fields[1], profile)))
            .ToList();
}
