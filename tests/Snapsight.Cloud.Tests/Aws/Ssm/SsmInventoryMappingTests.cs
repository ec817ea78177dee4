using CsCheck;
using Snapsight.Cloud.Aws.Ssm;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Ssm;

/// <summary>
/// SSM AWS:Application entries as the agent's rpm query fills them (NAME, VERSION, RELEASE, EPOCH
/// with "(none)" reported as empty, SOURCERPM as PackageId), for the real Amazon Linux 2023 package
/// list `rpm -qa` printed (shared data, pkgdb/rpm/go-rpmdb/amazonlinux2023-plain), become rpm
/// packages as the scanner spells them; what is not a package of the platform's manager, and
/// platforms we do not match, become gaps; no entry whatever makes the mapping throw.
/// </summary>
public sealed class SsmInventoryMappingTests
{
    private static readonly string RpmQa = Path.Combine(Repository.Root, "..", "shared", "data", "pkgdb", "rpm", "go-rpmdb", "amazonlinux2023-plain", "expected.rpm-qa.tsv");

    [Fact]
    public void Amazon_linux_rpm_entries_keep_rpms_epoch_version_release_and_source_name()
    {
        var rows = File.ReadAllLines(RpmQa).Skip(1).Select(l => l.Split('\t')).ToList();
        var inventory = new SsmInventory("i-0123456789abcdef0", new SsmPlatform("Linux", "Amazon Linux", "2023"), null,
            [.. rows.Select(r => new SsmApplication
            {
                Epoch = r[0], Name = r[1], Version = r[2], Release = r[3], Architecture = r[4], PackageId = r[5], Publisher = "Amazon Linux",
            })]);

        var result = SsmInventoryMapping.ToInventory(inventory);

        Assert.Equal(("amzn", "2023"), (result.Os!.Family, result.Os.VersionId));
        Assert.Empty(result.Gaps);
        Assert.Equal(rows.Count, result.Packages.Count);
        Assert.Contains(rows, r => r[0] == "1");
        foreach (var row in rows)
        {
            var package = Assert.Single(result.Packages, p => p.Package.Name == row[1] && p.Package.Arch == row[4]).Package;
            Assert.Equal(("rpm", $"{row[2]}-{row[3]}", row[0].Length == 0 ? 0 : int.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture)),
                (package.Type, package.Version, package.Epoch!.Value));
            if (row[5] == "(none)")
            {
                // gpg-pubkey, the imported signing key, has no source rpm.
                Assert.Null(package.SourceName);
                continue;
            }

            // The source rpm is NAME-VERSION-RELEASE.src.rpm of the source package: what is left after the name has exactly one dash.
            Assert.StartsWith(package.SourceName + "-", row[5], StringComparison.Ordinal);
            Assert.Single(row[5][(package.SourceName!.Length + 1)..^".src.rpm".Length], '-');
        }
    }

    [Fact]
    public void Snaps_and_unknown_platforms_are_gaps_not_packages()
    {
        SsmApplication Dpkg(string name) => new() { Name = name, Version = "1.0-1", Architecture = "x86_64", PackageId = $"{name}_1.0-1_amd64.deb" };
        var snap = new SsmApplication { Name = "core22", Version = "20240111", Publisher = "canonical*" };
        var ubuntu = SsmInventoryMapping.ToInventory(new SsmInventory("i-0123456789abcdef0", new SsmPlatform("Linux", "Ubuntu", "22.04"), null,
            [Dpkg("snapd"), snap]));

        Assert.Equal([("snapd", "amd64")], ubuntu.Packages.Select(p => (p.Package.Name, p.Package.Arch!)));
        Assert.Equal("pkg:deb/ubuntu/snapd@1.0-1?arch=amd64&distro=ubuntu-22.04", ubuntu.Packages[0].Purl);
        Assert.Contains(ubuntu.Gaps, g => g.Reason.Contains("core22", StringComparison.Ordinal));

        var windows = SsmInventoryMapping.ToInventory(new SsmInventory("i-0123456789abcdef0",
            new SsmPlatform("Windows", "Microsoft Windows Server 2022 Datacenter", "10.0.20348"), null, [Dpkg("x")]));
        Assert.Null(windows.Os);
        Assert.Empty(windows.Packages);
        Assert.Contains("Windows Server 2022", Assert.Single(windows.Gaps).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_entry_makes_the_mapping_throw()
    {
        var text = Gen.Select(Gen.Bool, Gen.String[Gen.Char["a-z0-9_.:+~(-) "], 0, 24]).Select((absent, s) => absent ? null : s);
        var application = Gen.Select(Gen.String[Gen.Char["a-z0-9_.:+~-"], 1, 16], text, text, text, text)
            .Select((name, version, release, epoch, id) => new SsmApplication { Name = name, Version = version ?? "1", Release = release, Epoch = epoch, PackageId = id });
        Gen.Select(Gen.OneOfConst("Debian GNU/Linux", "Amazon Linux", "Rocky Linux", "Plan 9"), application.Array[0, 8]).Sample((platform, applications) =>
        {
            var result = SsmInventoryMapping.ToInventory(new SsmInventory("i-0123456789abcdef0", new SsmPlatform("Linux", platform, "9"), null, applications));
            Assert.True(result.Packages.Count <= applications.Length);
            Assert.All(result.Packages, p => Assert.Equal(SsmInventoryMapping.Location, p.Package.Location));
        }, iter: 2000);
    }

    [Fact]
    public void Whatever_characters_the_owner_writes_no_package_or_gap_holds_text_a_store_cannot_take()
    {
        // Any UTF-16 unit (NUL, escapes, lone surrogates) among ordinary ones; the entry's id agrees with it, so it is not skipped for that.
        var text = Gen.String[Gen.Frequency((1, Gen.Char), (4, Gen.Char["a-z0-9.:+~-"])), 1, 12];
        var application = Gen.Select(text, text, text).Select((name, version, arch) =>
            new SsmApplication { Name = name, Version = version, Architecture = arch, PackageId = $"{name}_{version}_{arch}.deb", Publisher = arch });
        Gen.Select(Gen.OneOfConst("Debian GNU/Linux", "Debian GNU/Linux\0", "Ubuntu"), text, application.Array[0, 8]).Sample((platform, version, applications) =>
        {
            var result = SsmInventoryMapping.ToInventory(new SsmInventory("i-0123456789abcdef0", new SsmPlatform("Linux", platform, version), null, applications));
            var texts = result.Packages.SelectMany(p => new[] { p.Package.Name, p.Package.Version, p.Package.Arch, p.Package.Vendor, p.Purl })
                .Concat(result.Gaps.Select(g => g.Reason)).Concat(result.Os is { } os ? [os.Name, os.Version] : []).OfType<string>();
            Assert.All(texts, t => Assert.True(Storable(t), t));
            // A clean entry is a package; an entry with such a character is named in a gap instead.
            var clean = applications.Count(a => new[] { a.Name, a.Version, a.Architecture }.All(f => Storable(f!)));
            if (result.Os is not null)
            {
                Assert.True(result.Packages.Count <= clean);
                Assert.Equal(applications.Length > clean, result.Gaps.Any(g => g.Reason.Contains("control characters or broken Unicode", StringComparison.Ordinal)));
            }
        }, iter: 3000);
    }

    /// <summary>The oracle: what PostgreSQL text takes (no NUL; we ask for no control character at all) and a strict UTF-8 encoder takes.</summary>
    private static bool Storable(string text)
    {
        try
        {
            _ = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetByteCount(text);
            return !text.Any(char.IsControl);
        }
        catch (System.Text.EncoderFallbackException)
        {
            return false;
        }
    }
}
