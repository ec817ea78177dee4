using System.CommandLine;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Volumes;
using Snapsight.Scanning;

namespace Snapsight.Cli.Commands;

/// <summary>The TARGET of the verbs that read a machine: a disk image or a directory holding an unpacked root file system.</summary>
internal static class InventoryTarget
{
    public static Argument<string> Argument() =>
        new("target") { Description = "A disk image (raw, qcow2, VMDK, VHD, VHDX) or a directory holding an unpacked root file system." };

    /// <summary>Opens the directory, or the image after checking it is one; <paramref name="selectTree"/> picks the image's tree.</summary>
    public static Task<ScanTarget> OpenAsync(string path, Func<DiskInspection, FileTree> selectTree, CancellationToken cancellationToken) =>
        Directory.Exists(path)
            ? Task.FromResult(ScanTarget.OpenDirectory(path))
            : ScanTarget.OpenImageAsync(ImagePath.Check(path), selectTree, cancellationToken);
}
