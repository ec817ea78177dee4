using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Update;

/// <summary>
/// A mirror folder laid out like upstream (one folder per host), filled from ../shared/data: an OSV
/// all.zip built by python3's zipfile, CISA's KEV catalogue, an Amazon Linux mirror.list → repomd.xml
/// → updateinfo.xml.gz chain (vuln-list-update's fixtures), Red Hat's archive_latest.txt and the
/// archive it names, and NVD's recorded pages saved as page-&lt;startIndex&gt;.json.
/// </summary>
internal sealed class MirrorFolder : IDisposable
{
    public const string AmazonRepository = "cdn.amazonlinux.com/al2023/core/guids/0f1e2d3c/x86_64/";

    public const string RedHatArchive = "csaf_vex_2026-11-22.tar.zst";

    private readonly TempDirectory directory = new();

    public MirrorFolder()
    {
        var osv = SharedData.Path("advisories", "osv-misc", "osv.dev");
        foreach (var bucket in new[] { "Debian", "Rocky Linux" })
        {
            var zip = Directory.CreateDirectory(PathOf($"osv-vulnerabilities.storage.googleapis.com/{bucket}")).FullName;
            Tool.Run("python3", "-c", "import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w') as z:\n    for f in sys.argv[2:]: z.write(f, f.rsplit('/', 1)[-1])",
                Path.Combine(zip, "all.zip"), Path.Combine(osv, "DSA-3029-1.json"), Path.Combine(osv, "website", "DLA-3623-1.json"));
        }

        Copy(SharedData.Path("advisories", "kev", "cisagov-full", "known_exploited_vulnerabilities.json"), "www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json");
        Write("cdn.amazonlinux.com/al2023/core/mirrors/latest/x86_64/mirror.list", $"https://{AmazonRepository}\n");
        var amazon = SharedData.Path("advisories", "amazon", "vuln-list-update", "amazon", "testdata", "fixtures");
        Copy(Path.Combine(amazon, "repomd_valid.xml"), AmazonRepository + "repodata/repomd.xml");
        Copy(Path.Combine(amazon, "updateinfo_AL2023.xml.gz"), AmazonRepository + "repodata/updateinfo.xml.gz");
        Write("security.access.redhat.com/data/csaf/v2/vex/archive_latest.txt", RedHatArchive + "\n");

        // A stand-in for the archive: the downloader moves its bytes and never reads them.
        Copy(SharedData.Path("advisories", "redhat", "claircore-vex", "cve-2023-38545.json"), "security.access.redhat.com/data/csaf/v2/vex/" + RedHatArchive);
        var nvd = SharedData.Path("advisories", "nvd", "vuln-list-update", "nvd", "testdata", "fixtures");
        Copy(Path.Combine(nvd, "respPage1.json"), "services.nvd.nist.gov/rest/json/cves/2.0/page-0.json");
        Copy(Path.Combine(nvd, "respPage2.json"), "services.nvd.nist.gov/rest/json/cves/2.0/page-2.json");
    }

    public string Root => directory.Path;

    /// <summary>The feeds this mirror holds, by name, in catalogue order.</summary>
    public static IReadOnlyList<string> Feeds { get; } = ["osv-debian", "osv-rocky", "alas-2023", "redhat-csaf", "nvd", "kev"];

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Write(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), text);
    }

    public void Dispose() => directory.Dispose();

    private void Copy(string source, string relative)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.Copy(source, PathOf(relative));
    }
}
