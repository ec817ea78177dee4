using System.CommandLine;
using System.Globalization;
using System.Text.Json;
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
            var imagePath = parse.GetValue(image)!;
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

/// <summary>The mount point of each volume in the assembled tree ("/" for the root).</summary>
internal static class MountPoints
{
    public static string? Of(DiskInspection inspection, DiskVolume volume)
    {
        if (volume.FileSystem is null || inspection.Assembly is not { } assembly)
        {
            return null;
        }

        if (ReferenceEquals(assembly.Root.FileSystem, volume.FileSystem))
        {
            return "/";
        }

        return assembly.Mounts.FirstOrDefault(m => ReferenceEquals(m.Volume.FileSystem, volume.FileSystem)).MountPoint;
    }
}

internal static class DiskReportTable
{
    private static readonly string[] Headings = ["VOLUME", "OFFSET", "SIZE", "TYPE", "CONTENT", "UUID", "LABEL", "MOUNTED"];

    public static void Write(TextWriter output, string imagePath, DiskInspection inspection)
    {
        var table = inspection.PartitionTable;
        output.WriteLine($"Image   {imagePath}");
        output.WriteLine($"Format  {inspection.Format}");
        output.WriteLine($"Size    {Sizes.Human(inspection.VirtualSize)} ({inspection.VirtualSize.ToString(CultureInfo.InvariantCulture)} bytes)");
        output.WriteLine(table is null ? "Table   unreadable" : $"Table   {table.Scheme}, {table.SectorSize}-byte sectors{(table.DiskGuid is { } g ? $", disk GUID {g}" : "")}");
        output.WriteLine();

        var rows = new List<string[]> { Headings };
        foreach (var v in inspection.Volumes)
        {
            rows.Add([
                v.Name,
                v.Offset?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Sizes.Human(v.Length),
                v.PartitionType ?? (v.DevicePath is null ? "-" : "LVM logical volume"),
                v.FileSystem?.Type ?? v.Content.ToString().ToLowerInvariant(),
                v.FileSystem?.Uuid ?? "-",
                v.FileSystem?.Label ?? "-",
                MountPoints.Of(inspection, v) ?? "-",
            ]);
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }

        output.WriteLine();
        output.WriteLine(inspection.RootVolume is { } root
            ? $"Root    {root.Name} ({root.FileSystem!.Type}{(root.FileSystem.Uuid is { } u ? $", UUID {u}" : "")})"
            : "Root    none found");
        foreach (var gap in inspection.Gaps)
        {
            output.WriteLine($"Gap     {gap.Where}: {gap.Reason}");
        }

        foreach (var warning in inspection.Warnings)
        {
            output.WriteLine($"Note    {warning}");
        }
    }
}

internal static class DiskReportJson
{
    public static void Write(Stream output, string imagePath, DiskInspection inspection)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("image", imagePath);
        w.WriteString("format", inspection.Format);
        w.WriteNumber("virtualSize", inspection.VirtualSize);
        if (inspection.PartitionTable is { } table)
        {
            w.WriteStartObject("partitionTable");
            w.WriteString("scheme", table.Scheme);
            w.WriteNumber("sectorSize", table.SectorSize);
            w.WriteEndObject();
        }

        w.WriteStartArray("volumes");
        foreach (var v in inspection.Volumes)
        {
            w.WriteStartObject();
            w.WriteString("name", v.Name);
            WriteNumberOrNull(w, "partition", v.PartitionNumber);
            WriteNumberOrNull(w, "offset", v.Offset);
            w.WriteNumber("size", v.Length);
            w.WriteString("partitionType", v.PartitionType);
            w.WriteString("partitionName", v.PartitionName);
            w.WriteString("partitionUuid", v.PartitionUuid?.ToString());
            w.WriteString("content", v.Content.ToString().ToLowerInvariant());
            w.WriteString("filesystem", v.FileSystem?.Type);
            w.WriteString("uuid", v.FileSystem?.Uuid);
            w.WriteString("label", v.FileSystem?.Label);
            w.WriteString("mountPoint", MountPoints.Of(inspection, v));
            w.WriteString("problem", v.Problem);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("root", inspection.RootVolume?.Name);
        w.WriteStartArray("gaps");
        foreach (var gap in inspection.Gaps)
        {
            w.WriteStartObject();
            w.WriteString("where", gap.Where);
            w.WriteString("reason", gap.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("warnings");
        foreach (var warning in inspection.Warnings)
        {
            w.WriteStringValue(warning);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
