using System.CommandLine;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Volumes;

namespace Snapsight.Cli.Commands;

/// <summary><c>snapsight cat IMAGE PATH</c>: a file's bytes on stdout, read straight from the image.</summary>
internal static class CatCommand
{
    public static Command Build()
    {
        var image = new Argument<string>("image") { Description = "The disk image: raw, qcow2, VMDK, VHD or VHDX (recognised from its content)." };
        var paths = new Argument<string[]>("path")
        {
            Description = "Absolute paths of files inside the image, written one after the other; symbolic links are followed inside the image.",
            Arity = ArgumentArity.OneOrMore,
        };
        var volumes = new VolumeOptions();
        var stats = new ReadStatsOption();
        var command = new Command("cat", "Write files from inside a disk image to stdout, read-only, without mounting it.\n\n" +
            "Examples:\n  snapsight cat disk.qcow2 /etc/os-release\n  snapsight cat disk.img /EFI/debian/grub.cfg --partition 1 > grub.cfg\n" +
            "  snapsight cat disk.vmdk /var/lib/dpkg/status /etc/os-release --stats")
        {
            image, paths, stats.Option,
        };
        volumes.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var imagePath = ImagePath.Check(parse.GetValue(image)!);
            using var inspection = await DiskInspector.InspectAsync(imagePath, cancellationToken).ConfigureAwait(false);
            var tree = volumes.SelectTree(parse, inspection, imagePath);
            // Every path is checked before a byte is written: an error leaves stdout empty.
            var files = new List<TreeEntry>();
            foreach (var filePath in parse.GetValue(paths)!)
            {
                var entry = await tree.StatAsync(filePath, followFinalSymlink: true, cancellationToken).ConfigureAwait(false)
                    ?? throw new UsageException($"{filePath} does not exist in {imagePath}");
                files.Add(entry.Node.Type == FileType.File
                    ? entry
                    : throw new UsageException($"{filePath} in {imagePath} is a {entry.Node.Type.ToContractName()}, not a regular file"));
            }

            await using var stdout = Console.OpenStandardOutput();
            foreach (var file in files)
            {
                await using var content = await file.FileSystem.OpenReadAsync(file.Node.Id, cancellationToken).ConfigureAwait(false);
                await content.CopyToAsync(stdout, 1 << 16, cancellationToken).ConfigureAwait(false);
            }

            stats.Report(parse, inspection);
            return 0;
        }));
        return command;
    }
}
