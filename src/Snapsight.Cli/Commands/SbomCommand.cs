using System.CommandLine;
using System.Reflection;
using Snapsight.Inventory;
using Snapsight.Inventory.Sbom;

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
            Write(stream, parse.GetValue(format)!, path, opened, inventory);
            return 0;
        }));
        return command;
    }

    /// <summary>Writes the SBOM of one inventory in "cyclonedx" or "spdx-json"; <c>scan image --format spdx-json</c> writes the same.</summary>
    public static void Write(Stream stream, string format, string path, InventoryTarget opened, InventoryResult inventory)
    {
        var document = SbomDocument.Of(inventory, Info(path, opened, inventory));
        if (format == "cyclonedx")
        {
            CycloneDxWriter.Write(stream, document);
        }
        else
        {
            SpdxJsonWriter.Write(stream, document);
        }
    }

    /// <summary>The document's name, tool, time, serial and gaps.</summary>
    public static SbomDocumentInfo Info(string path, InventoryTarget opened, InventoryResult inventory) => new(
        TargetName(path),
        ToolVersion(),
        DateTimeOffset.UtcNow,
        Guid.NewGuid(),
        InventoryReportJson.Gaps(opened, inventory).Select(g => new InventoryGap(g.Where, g.Reason)).ToList());

    /// <summary>The image's file name (or the directory's): the scanner's own paths stay out of a document meant to be shared.</summary>
    public static string TargetName(string path) =>
        Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path))) is { Length: > 0 } name ? name : "/";

    public static string ToolVersion()
    {
        var version = typeof(SbomCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        // The build appends "+commit"; SPDX's "Tool: name-version" and CycloneDX's version both want the release alone.
        return version.Split('+')[0];
    }
}
