using System.Globalization;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Volumes;
using Snapsight.Scanning;

namespace Snapsight.Cli.Commands;

/// <summary>The human-readable report of <c>snapsight disk</c>. Text that came from the disk is made printable first.</summary>
internal static class DiskReportTable
{
    private static readonly string[] Headings = ["VOLUME", "OFFSET", "SIZE", "TYPE", "CONTENT", "UUID", "LABEL", "MOUNTED"];

    public static void Write(TextWriter output, string imagePath, DiskInspection inspection)
    {
        var table = inspection.PartitionTable;
        output.WriteLine($"Image   {TreePath.Printable(imagePath)}");
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
                v.PartitionType ?? (v.PartitionNumber is null && v.Name != "disk" ? "LVM logical volume" : "-"),
                v.FileSystem?.Type ?? v.Content.ToString().ToLowerInvariant(),
                TreePath.Printable(v.FileSystem?.Uuid ?? "-"),
                TreePath.Printable(v.FileSystem?.Label ?? "-"),
                TreePath.Printable(MountPoints.Of(inspection, v) ?? "-"),
            ]);
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }

        output.WriteLine();
        output.WriteLine(inspection.RootVolume is { } root
            ? $"Root    {TreePath.Printable(root.Name)} ({root.FileSystem!.Type}{(root.FileSystem.Uuid is { } u ? $", UUID {TreePath.Printable(u)}" : "")})"
            : "Root    none found");
        foreach (var gap in inspection.Gaps)
        {
            output.WriteLine($"Gap     {TreePath.Printable(gap.Where)}: {TreePath.Printable(gap.Reason)}");
        }

        foreach (var warning in inspection.Warnings)
        {
            output.WriteLine($"Note    {TreePath.Printable(warning)}");
        }
    }
}
