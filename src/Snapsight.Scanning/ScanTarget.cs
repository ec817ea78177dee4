using System.Diagnostics;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;
using Snapsight.Disk.Volumes;

namespace Snapsight.Scanning;

/// <summary>
/// What one scan reads, opened: a disk image (taken apart by the disk layer), a directory holding
/// an unpacked root file system, or the volumes of one machine assembled by its fstab
/// (<see cref="AssembleAsync"/>). Holds the read-only file tree and what the disks looked like.
/// Disposing closes what it opened (never the caller's block devices).
/// </summary>
public sealed partial class ScanTarget : IDisposable
{
    private readonly IReadOnlyList<(string? Prefix, DiskInspection Inspection)> _disks;
    private readonly FileTreeAssembly? _assembly;
    private readonly IReadOnlyList<CoverageGap> _gaps;
    private readonly IFileSystem? _directory;

    private ScanTarget(
        string path, FileTree tree, IReadOnlyList<(string? Prefix, DiskInspection Inspection)> disks, FileTreeAssembly? assembly,
        IReadOnlyList<CoverageGap> gaps, IFileSystem? directory, Stopwatch clock)
    {
        Path = path;
        Tree = tree;
        _disks = disks;
        _assembly = assembly;
        _gaps = gaps;
        _directory = directory;
        Clock = clock;
    }

    /// <summary>The target as the caller named it: an image path, a directory, an instance.</summary>
    public string Path { get; }

    public FileTree Tree { get; }

    /// <summary>Started before the target was opened, so elapsed time covers taking the disks apart too.</summary>
    public Stopwatch Clock { get; }

    /// <summary>The disk layer's view of a single disk image (null for a directory or several volumes): what the disk and ls verbs show.</summary>
    public DiskInspection? Inspection => _disks is [(null, var only)] ? only : null;

    /// <summary>Opens a disk image; <paramref name="selectTree"/> picks the tree to read from what the disk layer found.</summary>
    public static async Task<ScanTarget> OpenImageAsync(string path, Func<DiskInspection, FileTree> selectTree, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selectTree);
        var clock = Stopwatch.StartNew();
        var inspection = await DiskInspector.InspectAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return new ScanTarget(path, selectTree(inspection), [(null, inspection)], inspection.Assembly, inspection.Gaps, null, clock);
        }
        catch
        {
            inspection.Dispose();
            throw;
        }
    }

    /// <summary>A directory holding an unpacked root file system, read as it is.</summary>
    public static ScanTarget OpenDirectory(string path)
    {
        var clock = Stopwatch.StartNew();
        var directory = new HostDirectoryFileSystem(path);
        return new ScanTarget(path, new FileTree(directory), [], null, [], directory, clock);
    }

    /// <summary>The plain data of what was scanned, for the result and the reports.</summary>
    public TargetDescription Describe() => new(Path, DocumentName(Path), FileSystems(), _gaps, Statistics());

    /// <summary>The file name of an image or directory, or an instance's name: the scanner's own paths stay out of a document meant to be shared.</summary>
    public static string DocumentName(string path) =>
        System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path))) is { Length: > 0 } name ? name : "/";

    public void Dispose()
    {
        foreach (var (_, inspection) in _disks)
        {
            inspection.Dispose();
        }

        _directory?.Dispose();
    }

    private List<ScannedFileSystem> FileSystems()
    {
        if (_directory is not null)
        {
            return [new ScannedFileSystem(null, "directory", null, null, "/")];
        }

        return [.. _disks.SelectMany(disk => disk.Inspection.Volumes
            .Where(v => v.FileSystem is not null)
            .Select(v => new ScannedFileSystem(
                VolumeName(disk.Prefix, v.Name), v.FileSystem!.Type, v.FileSystem.Uuid, v.FileSystem.Label, MountPoints.Of(_assembly, v))))];
    }

    private ReadTotals? Statistics() => _directory is not null
        ? null
        : new ReadTotals(
            _disks.Sum(d => d.Inspection.Container.Statistics.BytesRead),
            _disks.Sum(d => d.Inspection.Container.Length),
            _disks.Sum(d => d.Inspection.Container.Statistics.ReadRequests));

    /// <summary>A data disk's volumes carry the disk's name: "vol-1:p1", "vol-1:disk".</summary>
    private static string VolumeName(string? prefix, string volume) => prefix is null ? volume : $"{prefix}:{volume}";
}
