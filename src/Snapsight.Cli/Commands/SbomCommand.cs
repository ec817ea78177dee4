using System.CommandLine;
using Snapsight.Inventory;
using Snapsight.Scanning;

namespace Snapsight.Cli.Commands;

/// <summary><c>snapsight sbom TARGET --format cyclonedx|spdx-json</c>: the inventory as a standard SBOM.</summary>
internal static class SbomCommand
{
    public static Command Build()
    {
        var target = InventoryTarget.Argument();
        var format = new Option<string>("--format", "-f")
        {
            Description = "cyclonedx (CycloneDX 1.6 JSON) or spdx-json (SPDX 2.3 JSON).",
            Required = true,
        };
        format.AcceptOnlyFromAmong("cyclonedx", "spdx-json");
        var output = new Option<string?>("--output", "-o") { Description = "Write the SBOM to this file instead of standard output." };
        var volumes = new VolumeOptions();
        var command = new Command("sbom", "Write a software bill of materials of a disk image or an unpacked root file system: the " +
            "operating system and every installed package with its Package URL, as CycloneDX or SPDX.\n\n" +
            "Examples:\n  snapsight sbom disk.qcow2 --format cyclonedx > bom.cdx.json\n  snapsight sbom disk.vmdk --format spdx-json --output bom.spdx.json")
        {
            target, format, output,
        };
        volumes.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var path = parse.GetValue(target)!;
            using var opened = await InventoryTarget.OpenAsync(path, inspection => volumes.SelectTree(parse, inspection, path), cancellationToken).ConfigureAwait(false);
            var inventory = await InventoryCollector.CollectAsync(opened.Tree, cancellationToken).ConfigureAwait(false);
            await using var stream = parse.GetValue(output) is { } file ? File.Create(file) : Console.OpenStandardOutput();
            var sbomFormat = parse.GetValue(format) == "cyclonedx" ? SbomFormat.CycloneDx : SbomFormat.SpdxJson;
            ScanSbom.Write(stream, sbomFormat, opened.Describe(), inventory, DateTimeOffset.UtcNow, Guid.NewGuid());
            return 0;
        }));
        return command;
    }
}
