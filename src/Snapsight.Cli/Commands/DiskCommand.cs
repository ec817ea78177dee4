using System.CommandLine;
using Snapsight.Disk.Volumes;

namespace Snapsight.Cli.Commands;

/// <summary><c>snapsight disk IMAGE</c>: what is on a disk image, from the format down to the root file system.</summary>
internal static class DiskCommand
{
    public static Command Build()
    {
        var image = new Argument<string>("image") { Description = "The disk image: raw, qcow2, VMDK, VHD or VHDX (recognised from its content)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of the table." };
        var command = new Command("disk", "Show a disk image's format, virtual size, partitions and logical volumes with their offsets, " +
            "the file systems found on them (type, UUID, label), where the root's /etc/fstab mounts them, " +
            "and which parts could not be read, and why.\n\nExample:\n  snapsight disk disk.qcow2")
        {
            image, json,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var imagePath = ImagePath.Check(parse.GetValue(image)!);
            using var inspection = await DiskInspector.InspectAsync(imagePath, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await using var stdout = Console.OpenStandardOutput();
                DiskReportJson.Write(stdout, imagePath, inspection);
            }
            else
            {
                DiskReportTable.Write(Console.Out, imagePath, inspection);
            }

            return 0;
        }));
        return command;
    }
}
