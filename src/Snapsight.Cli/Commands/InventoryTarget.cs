using System.CommandLine;
using System.Diagnostics;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;
using Snapsight.Disk.Volumes;

namespace Snapsight.Cli.Commands;

/// <summary>
/// What a scan-like verb reads: a disk image (taken apart by the disk layer) or a directory
/// holding an unpacked root file system. Disposing closes the image.
/// </summary>
internal sealed class InventoryTarget : IDisposable
{
    private InventoryTarget(string path, FileTree tree, DiskInspection? inspection, IFileSystem? directory, Stopwatch clock)
    {
        Clock = clock;
        Path = path;
        Tree = tree;
        Inspection = inspection;
        Directory = directory;
    }

    public string Path { get; }

    public FileTree Tree { get; }

    /// <summary>Null for a directory target.</summary>
    public DiskInspection? Inspection { get; }

    private IFileSystem? Directory { get; }

    /// <summary>Started before the image was opened, so elapsed time covers taking the disk apart too.</summary>
    public Stopwatch Clock { get; }

    /// <summary>The TARGET argument of every verb that takes an inventory.</summary>
    public static Argument<string> Argument() =>
        new("target") { Description = "A disk image (raw, qcow2, VMDK, VHD, VHDX) or a directory holding an unpacked root file system." };

    public static async Task<InventoryTarget> OpenAsync(string path, Func<DiskInspection, FileTree> selectTree, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (System.IO.Directory.Exists(path))
        {
            var directory = new HostDirectoryFileSystem(path);
            return new InventoryTarget(path, new FileTree(directory), null, directory, clock);
        }

        var inspection = await DiskInspector.InspectAsync(ImagePath.Check(path), cancellationToken).ConfigureAwait(false);
        try
        {
            return new InventoryTarget(path, selectTree(inspection), inspection, null, clock);
        }
        catch
        {
            inspection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Inspection?.Dispose();
        Directory?.Dispose();
    }
}
