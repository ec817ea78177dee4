using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Tests.Packages;

/// <summary>
/// Packages as tab-separated rows, so that a parse and an oracle's listing compare field for
/// field with one readable diff; rows sorted as dpkg-query sorts them (by name, then arch).
/// </summary>
public static class PackageRows
{
    /// <summary>package, status, version, source, source version, arch: the dpkg expected-TSV columns.</summary>
    public static string[] Dpkg(IEnumerable<InstalledPackage> packages) =>
        Sorted(packages.Select(p => string.Join('\t', p.Name, p.Status ?? "", p.Version, p.SourceName, p.SourceVersion, p.Arch ?? "")));

    /// <summary>package, version, arch, origin: the apk expected-TSV columns it has in common with our record.</summary>
    public static string[] Apk(IEnumerable<InstalledPackage> packages) =>
        Sorted(packages.Select(p => string.Join('\t', p.Name, p.Version, p.Arch ?? "", p.SourceName)));

    /// <summary>The data rows of an expected TSV (its header line dropped), sorted.</summary>
    public static string[] ReadTsv(string path) =>
        Sorted(File.ReadAllLines(path).Skip(1).Where(line => line.Length > 0));

    public static string[] Sorted(IEnumerable<string> rows) => [.. rows.Order(StringComparer.Ordinal)];
}
