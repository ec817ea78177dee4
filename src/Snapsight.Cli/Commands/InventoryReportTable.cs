using Snapsight.Disk.FileSystems;
using Snapsight.Inventory;

namespace Snapsight.Cli.Commands;

/// <summary>The human-readable report of <c>snapsight inventory</c>. Text from the disk is made printable first.</summary>
internal static class InventoryReportTable
{
    private static readonly string[] Headings = ["TYPE", "NAME", "VERSION", "ARCH", "SOURCE"];

    public static void Write(TextWriter output, InventoryTarget target, InventoryResult inventory)
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
        var widths = Enumerable.Range(0, Headings.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        }

        var gaps = InventoryReportJson.Gaps(target, inventory).ToList();
        if (gaps.Count > 0)
        {
            output.WriteLine();
        }

        foreach (var (where, reason) in gaps)
        {
            output.WriteLine($"Gap     {TreePath.Printable(where)}: {TreePath.Printable(reason)}");
        }
    }
}
