using CsCheck;
using Snapsight.Advisories.Matching;
using Snapsight.Advisories.Model;
using Snapsight.Advisories.Store;
using Snapsight.Inventory;
using Snapsight.Inventory.Os;
using Snapsight.Inventory.Packages;
using Snapsight.Inventory.Purl;

namespace Snapsight.Advisories.Tests.Reports;

/// <summary>
/// Scan reports as the matcher could hand them over, with the text a hostile or merely odd
/// feed or disk puts in them: quotes, backslashes, control characters, letters outside ASCII
/// and outside the BMP, URI delimiters in paths, empty and repeated aliases, no fixed version,
/// no CVSS, scores CVSS does not allow.
/// </summary>
public static class GeneratedScans
{
    public static readonly OperatingSystemInfo Debian = new("debian", "Debian GNU/Linux", "12 (bookworm)", "12", "bookworm", "/etc/os-release");

    /// <summary>Whole strings, never single UTF-16 units, so an astral letter is never split into a lone surrogate.</summary>
    private static readonly Gen<string> Awkward = Gen.OneOfConst(
        "a", "Z", "0", " ", "\"", "'", "\\", "<", ">", "&", "\n", "\t", "\u0001", "\u007f", "ü", "日本", "😀", "%", "#", "?", ":", "/", "!", "\u200b")
        .Array[0, 8].Select(parts => string.Concat(parts));

    private static readonly Gen<string> Ids = Gen.OneOfConst(
        "CVE-2024-0727", "CVE-2023-44487", "GHSA-jfh8-c2jp-5v3q", "ALSA-2023:6938", "DSA-5678-1", "RUSTSEC-2024-0003", "CVE-2024-1 \"quoted\" ü");

    private static readonly Gen<string> Versions = Gen.OneOfConst("1:2.3-4", "3.0.11-1~deb12u1", "1.0.0-rc.1+build.5", "2.14.1", "0.9", "5.2.15-2+b2");

    private static readonly Gen<InstalledPackage> Packages = Gen.Select(
        Gen.OneOfConst(
            ("dpkg", "openssl", "/var/lib/dpkg/status"),
            ("dpkg", "libstdc++6", "/var/lib/dpkg/status"),
            ("rpm", "glibc", "/var/lib/rpm/rpmdb.sqlite"),
            ("npm", "@babel/core", "/srv/app/node_modules/@babel/core/package.json"),
            ("java", "org.apache.logging.log4j:log4j-core", "/opt/a b/app.jar!/META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties"),
            ("python", "naïve", "/usr/lib/python3/dist-packages/naïve-1.0.dist-info/METADATA"),
            ("go", "stdlib", "/usr/local/bin/c:d 100%#?"),
            ("gem", "rack", "/var/lib/gems/3.1.0/specifications/rack-2.2.4.gemspec")),
        Versions,
        (p, version) => new InstalledPackage { Type = p.Item1, Name = p.Item2, Version = version, Location = p.Item3, Arch = p.Item1 == "dpkg" ? "amd64" : null });

    private static readonly Gen<Cvss?> Scores = Gen.Select(
        Gen.OneOfConst(
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
            "CVSS:3.0/AV:L/AC:H/PR:L/UI:R/S:C/C:L/I:N/A:N",
            "AV:N/AC:L/Au:N/C:P/I:P/A:P",
            "not a vector \"ü\""),
        Gen.OneOf(Gen.Const((double?)null), Gen.Double[0, 10].Select(d => (double?)Math.Round(d, 1)), Gen.OneOfConst<double?>(0.0, 10.0, double.NaN, 11.0, -1.0)),
        Gen.OneOfConst("nvd", "redhat", "osv"),
        (vector, score, source) => new Cvss(vector, score, source))
        .Null();

    private static readonly Gen<(string? FixedVersion, AffectedStatus Status)> Fixes = Gen.OneOf(
        Versions.Select(v => ((string?)v, AffectedStatus.Fixed)),
        Gen.OneOfConst(AffectedStatus.Affected, AffectedStatus.WillNotFix, AffectedStatus.FixDeferred, AffectedStatus.EndOfLife, AffectedStatus.UnderInvestigation)
            .Select(s => ((string?)null, s)));

    private static readonly Gen<InventoryGap> Gaps = Gen.Select(Awkward, Awkward, (where, reason) => new InventoryGap("/" + where, reason));

    public static Gen<ScanReport> Reports { get; } =
        from os in Gen.OneOfConst<OperatingSystemInfo?>(Debian, null)
        from installed in Packages.Array[1, 6]
        from gaps in Gaps.Array[0, 2]
        from target in Awkward.Select(t => "disk-" + t + ".qcow2")
        let inventory = new InventoryResult(os, installed.Select(p => new InventoryPackage(p, PackageUrl.For(p, os))).ToList(), gaps)
        from findings in FindingsOf(inventory.Packages).Array[0, 10]
        select new ScanReport(target, "0.1.0-test", new DateTimeOffset(2026, 11, 27, 21, 30, 0, TimeSpan.FromHours(1)), inventory, findings,
            new StoreBuildRecord(1, new DateTimeOffset(2026, 11, 27, 6, 0, 0, TimeSpan.Zero), []));

    private static Gen<Finding> FindingsOf(IReadOnlyList<InventoryPackage> packages) =>
        from id in Ids
        from package in Gen.Int[0, packages.Count - 1].Select(i => packages[i])
        from fix in Fixes
        from severity in Gen.Enum<Severity>()
        from severitySource in Gen.OneOfConst<string?>(null, "debian", "nvd", "redhat")
        from cvss in Scores
        from epss in Gen.Select(Gen.Double[0, 1], Gen.Double[0, 1], (s, p) => new EpssScore(id, s, p)).Null()
        from kev in Gen.OneOfConst<string?>(null, "2024-02-01").Select(due => new KevEntry(id, "2024-01-11", due)).Null()
        from title in Awkward.Null()
        from description in Awkward.Null()
        from aliases in Gen.OneOf(Ids, Awkward).Array[0, 3]
        from sources in Awkward.Select(s => "osv:" + s).Array[1, 3]
        select new Finding
        {
            Id = id,
            Aliases = aliases,
            Package = package,
            FixedVersion = fix.FixedVersion,
            Status = fix.Status,
            Severity = severity,
            SeveritySource = severitySource,
            Cvss = cvss,
            Epss = epss,
            Kev = kev,
            Title = title,
            Description = description,
            Sources = sources,
        };
}
