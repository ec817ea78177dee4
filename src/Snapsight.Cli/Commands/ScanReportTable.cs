using Snapsight.Advisories.Matching;
using Snapsight.Advisories.Model;
using Snapsight.Disk.FileSystems;
using Snapsight.Scanning;

namespace Snapsight.Cli.Commands;

/// <summary>
/// The human-readable report of <c>scan image</c>: findings grouped by severity, most severe
/// first, then by package, with the fixed version or why there is none; a summary line; what to
/// upgrade. Text from the disk and the feeds is made printable first.
/// </summary>
internal static class ScanReportTable
{
    private static readonly string[] Headings = ["PACKAGE", "INSTALLED", "FIXED", "VULNERABILITY", "STATUS", "TITLE"];
    private static readonly string[] UpgradeHeadings = ["PACKAGE", "FROM", "TO", "FIXES", "COMMAND"];
    private const int TitleWidth = 60;

    public static void Write(TextWriter output, ScanResult report)
    {
        var os = report.Os;
        var database = report.Database ?? throw new InvalidOperationException("scan image always matches against a database");
        output.WriteLine($"Target    {TreePath.Printable(report.Target.Path)}");
        output.WriteLine(os is null ? "OS        unknown" : $"OS        {TreePath.Printable(os.Name)} {TreePath.Printable(os.VersionId ?? os.Version ?? "")}");
        var formats = database.Feeds.SelectMany(f => f.Format.Split(',')).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        output.WriteLine($"Database  built {database.BuiltAt:yyyy-MM-dd HH:mm} UTC from {string.Join(", ", formats)}");
        output.WriteLine();
        foreach (var group in report.Findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key))
        {
            output.WriteLine($"{SeverityNames.Name(group.Key)} ({group.Count()})");
            var rows = new List<string[]> { Headings };
            rows.AddRange(group.Select(f => new[]
            {
                TreePath.Printable(f.Package.Package.Name),
                TreePath.Printable(f.Package.Package.Version),
                TreePath.Printable(f.FixedVersion ?? "-"),
                TreePath.Printable(f.Id),
                AffectedStatusNames.Name(f.Status),
                Shorten(TreePath.Printable(f.Title ?? "")),
            }));
            if (rows.Skip(1).All(r => r[^1].Length == 0))
            {
                // No feed gave a title (Alpine's secdb has none): no empty column.
                rows = [.. rows.Select(r => r[..^1])];
            }

            InventoryReportTable.WriteColumns(output, rows);
            output.WriteLine();
        }

        output.WriteLine(Summary(report.Findings));
        if (report.Remediations.Any(r => r.FixedVersion is not null))
        {
            output.WriteLine();
            output.WriteLine("Upgrades that fix them:");
            var rows = new List<string[]> { UpgradeHeadings };
            rows.AddRange(report.Remediations.Where(r => r.FixedVersion is not null).Select(r => new[]
            {
                TreePath.Printable(r.Package.Package.Name),
                TreePath.Printable(r.Package.Package.Version),
                TreePath.Printable(r.FixedVersion!),
                r.Fixes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                TreePath.Printable(r.Command ?? "-"),
            }));
            InventoryReportTable.WriteColumns(output, rows);
        }

        foreach (var (where, reason) in report.Gaps)
        {
            output.WriteLine($"Gap       {TreePath.Printable(where)}: {TreePath.Printable(reason)}");
        }
    }

    /// <summary>"12 vulnerabilities in 7 packages (CRITICAL 1, HIGH 3, …); 9 have a fixed version."</summary>
    public static string Summary(IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0)
        {
            return "No vulnerabilities found.";
        }

        var counts = Enum.GetValues<Severity>().Reverse().Select(s => $"{SeverityNames.Name(s)} {findings.Count(f => f.Severity == s)}");
        var packages = findings.Select(f => f.Package).Distinct().Count();
        return $"{findings.Count} vulnerabilities in {packages} packages ({string.Join(", ", counts)}); {findings.Count(f => f.FixedVersion is not null)} have a fixed version.";
    }

    private static string Shorten(string title) => title.Length <= TitleWidth ? title : title[..(TitleWidth - 1)] + "…";
}
