using System.Text.Json;

namespace Snapsight.Cloud.Aws.Ebs.Incremental;

/// <summary>
/// One volume's part of the <see cref="EbsBlockStore"/>: the blocks its scans read and its manifest
/// (the last scanned snapshot, the snapshots kept). A scan reads through an incremental
/// <see cref="EbsSnapshotBlockDevice"/> and, once it succeeded, <see cref="Commit"/>s its snapshot.
/// A manifest that cannot be read is no error: the next scan is a full one, and says why.
/// One scan of a volume at a time.
/// </summary>
public sealed class EbsVolumeCache
{
    private const int ManifestVersion = 1;
    private const int MaxManifestBytes = 64 * 1024;

    private readonly string _directory;

    internal EbsVolumeCache(EbsBlockStore store, string volumeId, string directory)
    {
        Store = store;
        VolumeId = volumeId;
        _directory = directory;
        (LastScannedSnapshotId, Kept, ManifestProblem) = ReadManifest();
    }

    public string VolumeId { get; }

    /// <summary>The snapshot the last successful scan read; null before the first, or when the manifest could not be read.</summary>
    public string? LastScannedSnapshotId { get; private set; }

    /// <summary>The scanned snapshots kept, newest first.</summary>
    public IReadOnlyList<string> Kept { get; private set; }

    /// <summary>Why the manifest was not used, or null.</summary>
    public string? ManifestProblem { get; }

    internal EbsBlockStore Store { get; }

    private string ManifestPath => Path.Combine(_directory, "manifest.json");

    /// <summary>
    /// Records a successful scan of <paramref name="snapshotId"/>: it becomes the last scanned, the
    /// blocks cached for any other snapshot are deleted, and the snapshots past the retention limit
    /// are returned for the provider to delete.
    /// </summary>
    public EbsSnapshotRetention Commit(string snapshotId)
    {
        if (!EbsLimits.IsSnapshotId(snapshotId))
        {
            throw new ArgumentException($"'{snapshotId}' is not a snapshot id", nameof(snapshotId));
        }

        var all = Kept.Prepend(snapshotId).Distinct(StringComparer.Ordinal).ToList();
        var kept = all.Take(Store.Options.KeptSnapshots).ToList();
        var manifest = new EbsVolumeManifest { Version = ManifestVersion, VolumeId = VolumeId, LastScanned = snapshotId, Kept = [.. kept] };
        Directory.CreateDirectory(_directory);
        var temporary = ManifestPath + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(manifest, EbsManifestJson.Default.EbsVolumeManifest));
        File.Move(temporary, ManifestPath, overwrite: true);
        Store.DropAllBut(VolumeId, snapshotId);
        (LastScannedSnapshotId, Kept) = (snapshotId, kept);
        return new EbsSnapshotRetention(VolumeId, snapshotId, kept, [.. all.Skip(kept.Count)]);
    }

    private (string? LastScanned, IReadOnlyList<string> Kept, string? Problem) ReadManifest()
    {
        if (!File.Exists(ManifestPath))
        {
            return (null, [], null);
        }

        using var file = File.OpenRead(ManifestPath);
        if (file.Length > MaxManifestBytes)
        {
            return Unusable($"it is {file.Length} bytes, over {MaxManifestBytes}");
        }

        var bytes = new byte[file.Length];
        file.ReadExactly(bytes);
        var (last, kept, problem) = ParseManifest(bytes, VolumeId);
        return problem is null ? (last, kept, null) : Unusable(problem);
    }

    /// <summary>
    /// A manifest's bytes read for <paramref name="volumeId"/>: the last scanned snapshot and those
    /// kept, or why they cannot be used (never an exception: the file is ours, but a disk can damage it).
    /// </summary>
    internal static (string? LastScanned, IReadOnlyList<string> Kept, string? Problem) ParseManifest(ReadOnlySpan<byte> json, string volumeId)
    {
        EbsVolumeManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(json, EbsManifestJson.Default.EbsVolumeManifest);
        }
        catch (JsonException e)
        {
            return (null, [], $"it is not the expected JSON ({e.Message})");
        }

        if (manifest is not { Version: ManifestVersion, LastScanned: { } last, Kept: { } kept } || manifest.VolumeId != volumeId)
        {
            return (null, [], "it is not a version-1 manifest of this volume");
        }

        if (!EbsLimits.IsSnapshotId(last) || kept.Count > 1000 || !kept.All(EbsLimits.IsSnapshotId) || kept.FirstOrDefault() != last)
        {
            return (null, [], "its snapshot ids are malformed");
        }

        return (last, [.. kept.OfType<string>()], null);
    }

    private (string?, IReadOnlyList<string>, string?) Unusable(string why) =>
        (null, [], $"the block cache manifest of {VolumeId} was not used: {why}");
}
