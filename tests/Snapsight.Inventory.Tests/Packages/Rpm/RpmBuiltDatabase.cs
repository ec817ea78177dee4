using Snapsight.Disk.Tests.Support;

namespace Snapsight.Inventory.Tests.Packages.Rpm;

/// <summary>
/// An rpmdb built by the real rpm: a few packages made with rpmbuild from minimal spec files
/// (an epoch, a vendor, licences, a subpackage, one package with enough files that its header
/// spills into SQLite overflow pages), installed with <c>rpm -i --justdb</c>. Built once per
/// test class.
/// </summary>
public sealed class RpmBuiltDatabase : IDisposable
{
    private const string QueryFormat = "%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\t%{LICENSE}\\t%{VENDOR}\\n";

    private readonly TempDirectory _temp = new();

    public RpmBuiltDatabase()
    {
        var top = _temp.File("top");
        DatabaseDirectory = _temp.File("db");
        Directory.CreateDirectory(DatabaseDirectory);
        foreach (var (name, spec) in Specs())
        {
            var path = _temp.File(name + ".spec");
            File.WriteAllText(path, spec);
            Tool.Run("rpmbuild", "--define", "_topdir " + top, "--quiet", "-bb", path);
        }

        Tool.Run("rpm", "--dbpath", DatabaseDirectory, "--initdb");
        var packages = Directory.GetFiles(Path.Combine(top, "RPMS"), "*.rpm", SearchOption.AllDirectories);
        Tool.Run("rpm", ["--dbpath", DatabaseDirectory, "-i", "--justdb", "--nodeps", "--noscripts", "--ignorearch", "--ignoreos", .. packages], null, null);
    }

    public string DatabaseDirectory { get; }

    public string SqlitePath => Path.Combine(DatabaseDirectory, "rpmdb.sqlite");

    public string TempPath(string name) => _temp.File(name);

    public static List<RpmRow> QueryAll(string dbPath) =>
        Tool.Run("rpm", "-qa", "--dbpath", dbPath, "--qf", QueryFormat)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(RpmRow.ParseQueryFormat).ToList();

    public static List<string> ListFiles(string dbPath, string name) =>
        Tool.Run("rpm", "-ql", "--dbpath", dbPath, name).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l != "(contains no files)").ToList();

    public void Dispose() => _temp.Dispose();

    private static IEnumerable<(string Name, string Spec)> Specs()
    {
        yield return ("alpha", Spec("alpha", "1.2", "3", "Epoch: 2\nVendor: Snapsight Test\nLicense: MIT",
            "mkdir -p %{buildroot}/usr/share/alpha %{buildroot}/usr/bin\necho a > %{buildroot}/usr/share/alpha/a.txt\necho b > %{buildroot}/usr/bin/alpha-tool",
            "%files\n/usr/share/alpha\n%package tools\nSummary: tools\n%description tools\ntools\n%files tools\n/usr/bin/alpha-tool\n"));

        // Enough long file names that the header outgrows a 4 KiB page.
        var many = "mkdir -p %{buildroot}/usr/lib/beta-with-a-rather-long-directory-name\nfor i in $(seq 1 300); do echo $i > %{buildroot}/usr/lib/beta-with-a-rather-long-directory-name/file-number-$i-with-padding.dat; done";
        yield return ("beta", Spec("beta", "0.9~rc1", "1.fc99", "License: GPL-2.0-or-later", many,
            "%files\n/usr/lib/beta-with-a-rather-long-directory-name\n"));
        yield return ("gamma", Spec("gamma", "20240101", "0.1.git1234", "Epoch: 0\nLicense: ASL 2.0 and BSD\nVendor: Other <o@example.org>", "true", "%files\n"));
    }

    private static string Spec(string name, string version, string release, string extra, string install, string files) =>
        $"Name: {name}\nVersion: {version}\nRelease: {release}\nSummary: {name}\n{extra}\nBuildArch: noarch\n%description\n{name}\n%install\n{install}\n{files}";
}
