using Snapsight.Advisories.Feeds.Alas;
using Snapsight.Advisories.Feeds.AlpineSecdb;
using Snapsight.Advisories.Feeds.DebianTracker;
using Snapsight.Fuzz.Targets;

namespace Snapsight.Fuzz;

/// <summary>Every fuzz target, in one explicit list.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new Qcow2FuzzTarget(),
        new VmdkFuzzTarget(),
        new VhdFuzzTarget(),
        new VhdxFuzzTarget(),
        new PartitionsTarget(),
        new LvmMetadataTextTarget(),
        new LvmPhysicalVolumeTarget(),
        new Ext4FuzzTarget(),
        new XfsFuzzTarget(),
        new FatFuzzTarget(),
        new NtfsFuzzTarget(),
        new FstabFuzzTarget(),
        new OsReleaseFuzzTarget(),
        new DpkgStatusFuzzTarget(),
        new ApkInstalledFuzzTarget(),
        new RpmHeaderFuzzTarget(),
        new RpmDatabaseFuzzTarget(),
        new BootConfigFuzzTarget(),
        new PythonMetadataFuzzTarget(),
        new NpmPackageJsonFuzzTarget(),
        new SpdxLicenseExpressionFuzzTarget(),
        new BinaryElfFuzzTarget(),
        new CargoAuditableFuzzTarget(),
        new JavaArchiveFuzzTarget(),
        new GemspecFuzzTarget(),
        new DepsJsonFuzzTarget(),
        new VersionsFuzzTarget(),
        new OsvRecordFuzzTarget(),
        new OpenVexFuzzTarget(),
        new FeedImportFuzzTarget(),
        new IgnoreFileFuzzTarget(),
        new KevFeedFuzzTarget(),
        new EpssFeedFuzzTarget(),
        new NvdFeedFuzzTarget(),
        new RedHatCsafFeedFuzzTarget(),
        new FeedIndexFuzzTarget(),
        new FeedFormatFuzzTarget(DebianTrackerFeedFormat.Instance),
        new FeedFormatFuzzTarget(AlpineSecdbFeedFormat.Instance),
        new FeedFormatFuzzTarget(AlasFeedFormat.Instance),
        new ScapDataStreamFuzzTarget(),
        new OvalEvaluationFuzzTarget(),
        new OvalProbeFilesFuzzTarget(),
        new ControlInputsFuzzTarget(),
        new LocalFilesFuzzTarget(),
        new EbsResponsesFuzzTarget(),
        new EbsCacheManifestFuzzTarget(),
        new SsmInventoryFuzzTarget(),
    ];

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
