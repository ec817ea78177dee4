using System.CommandLine;
using Snapsight.Inventory;

namespace Snapsight.Cli.Commands;

/// <summary><c>snapsight inventory TARGET</c>: the operating system and every installed package.</summary>
internal static class InventoryCommand
{
    public static Command Build()
    {
        var target = InventoryTarget.Argument();
        var format = new Option<string>("--format", "-f")
        {
            Description = "table (for people) or json (for scripts).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json");
        var volumes = new VolumeOptions();
        var command = new Command("inventory", "Find the operating system and every installed package (dpkg, rpm, apk) of a disk image or an " +
            "unpacked root file system, reading only the package databases and release files.\n\n" +
            "Examples:\n  snapsight inventory disk.qcow2\n  snapsight inventory disk.vmdk --format json > inventory.json\n  snapsight inventory ./rootfs")
        {
            target, format,
        };
        volumes.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var path = parse.GetValue(target)!;
            using var opened = await InventoryTarget.OpenAsync(path, inspection => volumes.SelectTree(parse, inspection, path, emptyTreeForWindows: true), cancellationToken).ConfigureAwait(false);
            var inventory = await InventoryCollector.CollectAsync(opened.Tree, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(format) == "json")
            {
                await using var stdout = Console.OpenStandardOutput();
                InventoryReportJson.Write(stdout, opened, inventory);
            }
            else
            {
                InventoryReportTable.Write(Console.Out, opened, inventory);
            }

            return 0;
        }));
        return command;
    }
}
