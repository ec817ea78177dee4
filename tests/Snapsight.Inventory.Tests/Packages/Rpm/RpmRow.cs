using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Tests.Packages.Rpm;

/// <summary>
/// One package as the oracles print it, with rpm's "(none)" and empty fields both meaning absent,
/// and an absent epoch printed as 0 (rpm's EPOCHNUM), so lists from any source compare field for field.
/// Null for licence or vendor means the source does not give that field.
/// </summary>
public sealed record RpmRow(int Epoch, string Name, string Version, string Release, string Arch, string SourceRpm, string? Licence, string? Vendor)
{
    public static RpmRow From(InstalledPackage package, bool withLicenceAndVendor)
    {
        var dash = package.Version.LastIndexOf('-');
        var source = package.SourceName is null ? "" : $"{package.SourceName}-{package.SourceVersion}.src.rpm";
        return new RpmRow(
            package.Epoch ?? 0,
            package.Name,
            package.Version[..dash],
            package.Version[(dash + 1)..],
            package.Arch ?? "",
            source,
            withLicenceAndVendor ? package.Licence ?? "" : null,
            withLicenceAndVendor ? package.Vendor ?? "" : null);
    }

    /// <summary>The `expected.rpm-qa.tsv` format: a header line, then epoch, name, version, release, arch, sourcerpm, modularitylabel.</summary>
    public static List<RpmRow> ParseTsv(string path) =>
        File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var f = line.Split('\t');
            return new RpmRow(ParseEpoch(f[0]), f[1], f[2], f[3], Absent(f[4]), Absent(f[5]), null, null);
        }).ToList();

    /// <summary>go-rpmdb's `packages.csv`: epoch¶name¶version¶release¶arch¶sourcerpm¶size¶license¶vendor¶summary¶sigmd5.</summary>
    public static List<RpmRow> ParseCsv(string path) =>
        File.ReadAllLines(path).Where(l => l.Length > 0).Select(line =>
        {
            var f = line.Split('¶');
            return new RpmRow(ParseEpoch(f[0]), f[1], f[2], f[3], Absent(f[4]), Absent(f[5]), Absent(f[7]), Absent(f[8]));
        }).ToList();

    /// <summary>Our own query format for the rpm oracle: NAME, EPOCHNUM, VERSION, RELEASE, ARCH, SOURCERPM, LICENSE, VENDOR.</summary>
    public static RpmRow ParseQueryFormat(string line)
    {
        var f = line.Split('\t');
        return new RpmRow(ParseEpoch(f[1]), f[0], f[2], f[3], Absent(f[4]), Absent(f[5]), Absent(f[6]), Absent(f[7]));
    }

    public static List<string> Sorted(IEnumerable<RpmRow> rows) => rows.Select(r => r.ToString()).Order(StringComparer.Ordinal).ToList();

    private static int ParseEpoch(string field) => field.Length == 0 || field == "(none)" ? 0 : int.Parse(field, System.Globalization.CultureInfo.InvariantCulture);

    private static string Absent(string field) => field == "(none)" ? "" : field;
}
