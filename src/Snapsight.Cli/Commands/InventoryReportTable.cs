using Snapsight.Disk.FileSystems;
using Snapsight.Inventory;
using Snapsight.Scanning;

namespace Snapsight.Cli.Commands;

/// <summary>The human-readable report of <c>snapsight inventory</c>. Text from the disk is made printable first.</summary>
internal static class InventoryReportTable
{
    private static readonly string[] Headings = ["TYPE", "NAME", "VERSION", "ARCH", "SOURCE"];
    private static readonly string[] KernelHeadings = ["KERNEL", "PACKAGE", "VERSION", "IMAGE"];

    public static void Write(TextWriter output, ScanTarget target, InventoryResult inventory)
    {
        output.WriteLine($"Target  {TreePath.Printable(target.Path)}");
        output.WriteLine(inventory.Os is { } os
            ? $"OS      {TreePath.Printable(os.Name)} {TreePath.Printable(os.Version ?? os.VersionId ?? "")} ({os.Family}{(os.Codename is null ? "" : ", " + TreePath.Printable(os.Codename))})"
            : "OS      unknown");
        output.WriteLine($"Found   {inventory.Packages.Count} packages");
        output.WriteLine();

        var rows = new List<string[]> { Headings };
        rows.AddRange(inventory.Packages.Select(p => new[]
        {
            p.Package.Type,
            TreePath.Printable(p.Package.Name),
            TreePath.Printable(p.Package.Epoch is > 0 ? $"{p.Package.Epoch}:{p.Package.Version}" : p.Package.Version),
            TreePath.Printable(p.Package.Arch ?? "-"),
            TreePath.Printable(p.Package.SourceName ?? "-"),
        }));
        WriteColumns(output, rows);

        WriteKernels(output, inventory);
        var gaps = ScanSbom.Gaps(target.Describe(), inventory).ToList();
        if (gaps.Count > 0)
        {
            output.WriteLine();
        }

        foreach (var (where, reason) in gaps)
        {
            output.WriteLine($"Gap     {TreePath.Printable(where)}: {TreePath.Printable(reason)}");
        }
    }

    /// <summary>One line per installed kernel, the boot loader's default marked with '*'.</summary>
    private static void WriteKernels(TextWriter output, InventoryResult inventory)
    {
        if (inventory.Kernels.Count == 0)
        {
            return;
        }

        output.WriteLine();
        var rows = new List<string[]> { KernelHeadings };
        rows.AddRange(inventory.Kernels.Select(k => new[]
        {
            (k.IsBootDefault ? "* " : "  ") + TreePath.Printable(k.Release),
            TreePath.Printable(k.Package ?? "-"),
            TreePath.Printable(k.Version ?? "-"),
            TreePath.Printable(k.Image ?? "-"),
        }));
        WriteColumns(output, rows);
        if (inventory.Kernels.Any(k => k.IsBootDefault))
        {
            output.WriteLine("(* boots by default)");
        }
    }

    public static void WriteColumns(TextWriter output, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }
    }
}
