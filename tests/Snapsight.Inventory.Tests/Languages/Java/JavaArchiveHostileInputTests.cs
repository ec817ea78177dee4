using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Analyzers;
using Snapsight.Inventory.Languages.Java;

namespace Snapsight.Inventory.Tests.Languages.Java;

/// <summary>
/// hostile-input.md item 33: each crafted archive is read within the hostile-input bar
/// (2 s, 256 MiB) to a partial result whose gap names the part not read, with the default limits.
/// </summary>
public sealed class JavaArchiveHostileInputTests
{
    private const string Location = "/opt/app.jar";

    private static readonly (string, byte[]) Outer = JarBytes.Pom("org.example", "outer", "1.0");

    // Built once and copied by the tests that patch them: both take seconds of CPU that timed tests running alongside would feel.
    // 300 MiB of zeros deflate to about 300 KiB: under the 256 MiB nested cap only by declaration, a 1000:1 ratio, and over the bar if inflated.
    private static readonly Lazy<byte[]> Bomb = new(() => JarBytes.Create(CompressionLevel.SmallestSize, Outer, ("BOOT-INF/lib/bomb.jar", new byte[300 << 20])));
    private static readonly Lazy<byte[]> TwoHundredThousandEntries = new(() =>
        JarBytes.Create(CompressionLevel.NoCompression, [.. Enumerable.Range(0, 200_000).Select(i => ($"c/{i}", Array.Empty<byte>()))]));

    private static AnalyzerOutput ReadWithinBar(byte[] archive)
    {
        AnalyzerOutput? output = null;
        Assert.Null(HostileInput.Run(async cancellationToken =>
        {
            using var stream = new MemoryStream(archive, writable: false);
            output = await JavaArchiveReader.ReadAsync(stream, Location, JavaArchiveLimits.Default, cancellationToken);
        }));
        return output!;
    }

    private static void AssertOnlyGap(AnalyzerOutput output, string where, string reason)
    {
        var gap = Assert.Single(output.Gaps);
        Assert.Equal(where, gap.Where);
        Assert.Contains(reason, gap.Reason, StringComparison.Ordinal);
    }

    private static string[] Names(AnalyzerOutput output) => [.. output.Packages.Select(p => $"{p.Name}@{p.Version} {p.Location}")];

    [Fact]
    public void A_bomb_that_declares_its_size_is_refused_by_its_ratio_before_inflating()
    {
        // Declared at 300 MiB, over the 256 MiB cap for nested archives; held to the ratio anyway, and below the cap.
        var bomb = (byte[])Bomb.Value.Clone();
        JarBytes.DeclareUncompressedSize(bomb, "BOOT-INF/lib/bomb.jar", 200 << 20);
        Assert.True(bomb.Length < (200 << 20) / 500, $"the bomb compressed to {bomb.Length} bytes: too little of a bomb for this test");

        var output = ReadWithinBar(bomb);

        Assert.Equal(["org.example:outer@1.0 /opt/app.jar"], Names(output));
        AssertOnlyGap(output, "/opt/app.jar!/BOOT-INF/lib/bomb.jar", "ratio");
    }

    [Fact]
    public void A_bomb_that_claims_a_small_size_stops_at_the_size_it_claims()
    {
        // The same bomb declared as 1000 bytes in both headers: the ratio looks harmless, the inflated bytes are counted.
        var bomb = (byte[])Bomb.Value.Clone();
        JarBytes.DeclareUncompressedSize(bomb, "BOOT-INF/lib/bomb.jar", 1000);

        var output = ReadWithinBar(bomb);

        Assert.Equal(["org.example:outer@1.0 /opt/app.jar"], Names(output));
        Assert.Equal("/opt/app.jar!/BOOT-INF/lib/bomb.jar", Assert.Single(output.Gaps).Where);
    }

    [Fact]
    public void Two_hundred_thousand_entries_are_refused_before_the_archive_is_opened()
    {
        var output = ReadWithinBar(TwoHundredThousandEntries.Value);

        Assert.Empty(output.Packages);
        Assert.Contains("more than 100000 entries", Assert.Single(output.Gaps).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_end_record_that_understates_the_entry_count_does_not_hide_them()
    {
        // ZipArchive reads headers while their signature matches, whatever the end record says; so does the census.
        var archive = (byte[])TwoHundredThousandEntries.Value.Clone();
        var end = JarBytes.EndRecord(archive);
        BinaryPrimitives.WriteUInt16LittleEndian(archive.AsSpan(end + 8), 10);
        BinaryPrimitives.WriteUInt16LittleEndian(archive.AsSpan(end + 10), 10);

        var output = ReadWithinBar(archive);

        Assert.Contains("more than 100000 entries", Assert.Single(output.Gaps).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Archives_nested_ten_deep_are_read_three_levels_down_and_the_fourth_is_a_gap()
    {
        // level9.jar inside level8.jar … inside level0.jar, each with a pom.properties of its own.
        var archive = JarBytes.Create(JarBytes.Pom("org.example", "level9", "9"));
        for (var level = 8; level >= 0; level--)
        {
            archive = JarBytes.Create(JarBytes.Pom("org.example", $"level{level}", $"{level}"), ($"lib/level{level + 1}.jar", archive));
        }

        var output = ReadWithinBar(archive);

        Assert.Equal(
            [
                "org.example:level0@0 /opt/app.jar",
                "org.example:level1@1 /opt/app.jar!/lib/level1.jar",
                "org.example:level2@2 /opt/app.jar!/lib/level1.jar!/lib/level2.jar",
                "org.example:level3@3 /opt/app.jar!/lib/level1.jar!/lib/level2.jar!/lib/level3.jar",
            ],
            Names(output));
        AssertOnlyGap(output, "/opt/app.jar!/lib/level1.jar!/lib/level2.jar!/lib/level3.jar!/lib/level4.jar", "more than 3 archives deep");
    }

    [Fact]
    public void A_central_directory_that_points_past_the_end_is_a_gap()
    {
        var archive = JarBytes.Create(Outer);
        BinaryPrimitives.WriteUInt32LittleEndian(archive.AsSpan(JarBytes.EndRecord(archive) + 16), (uint)archive.Length + 1000);

        var output = ReadWithinBar(archive);

        Assert.Empty(output.Packages);
        Assert.Equal(Location, Assert.Single(output.Gaps).Where);
    }

    [Fact]
    public void A_truncated_archive_is_a_gap()
    {
        var archive = JarBytes.Create(Outer, ("a.class", new byte[4096]));

        var output = ReadWithinBar(archive[..(archive.Length / 2)]);

        Assert.Empty(output.Packages);
        Assert.Equal(Location, Assert.Single(output.Gaps).Where);
    }

    [Fact]
    public void A_nested_archive_that_is_not_a_zip_is_a_gap_and_the_rest_is_read()
    {
        var archive = JarBytes.Create(Outer, ("WEB-INF/lib/fake.jar", "not a zip at all"u8.ToArray()), ("WEB-INF/lib/real.jar", JarBytes.Create(JarBytes.Pom("org.example", "real", "2.0"))));

        var output = ReadWithinBar(archive);

        Assert.Equal(["org.example:outer@1.0 /opt/app.jar", "org.example:real@2.0 /opt/app.jar!/WEB-INF/lib/real.jar"], Names(output));
        Assert.Equal("/opt/app.jar!/WEB-INF/lib/fake.jar", Assert.Single(output.Gaps).Where);
    }

    [Fact]
    public void Duplicate_entry_names_give_the_package_once()
    {
        var output = ReadWithinBar(JarBytes.Create(Outer, Outer, Outer));

        Assert.Equal(["org.example:outer@1.0 /opt/app.jar"], Names(output));
        Assert.Empty(output.Gaps);
    }

    [Fact]
    public void A_pom_properties_of_10_MiB_is_a_gap_and_the_manifest_speaks_instead()
    {
        var huge = Encoding.UTF8.GetBytes("groupId=g\nartifactId=a\nversion=1\n#" + new string('x', 10 << 20));
        var manifest = ("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nImplementation-Title: from-manifest\r\nImplementation-Version: 3.0\r\n\r\n"u8.ToArray());

        var output = ReadWithinBar(JarBytes.Create(("META-INF/maven/g/a/pom.properties", huge), manifest));

        Assert.Equal(["from-manifest@3.0 /opt/app.jar"], Names(output));
        AssertOnlyGap(output, "/opt/app.jar!/META-INF/maven/g/a/pom.properties", "over the 1048576-byte limit");
    }

    [Fact]
    public void An_entry_whose_data_fails_its_crc_is_a_gap()
    {
        // Stored, so the data bytes are the file's bytes: change one and the CRC-32 no longer matches.
        var archive = JarBytes.Create(CompressionLevel.NoCompression, Outer);
        var version = archive.AsSpan().IndexOf("version=1.0"u8);
        archive[version + "version=".Length] = (byte)'7';

        var output = ReadWithinBar(archive);

        Assert.Empty(output.Packages);
        Assert.Equal("/opt/app.jar!/META-INF/maven/org.example/outer/pom.properties", Assert.Single(output.Gaps).Where);
    }

    [Fact]
    public void Inflation_that_fails_is_a_gap()
    {
        var archive = JarBytes.Create(CompressionLevel.Optimal, ("META-INF/maven/g/a/pom.properties", Encoding.UTF8.GetBytes(new string('v', 5000))));
        var data = archive.AsSpan().IndexOf("pom.properties"u8) + "pom.properties".Length;
        archive.AsSpan(data, 16).Fill(0xFF);

        var output = ReadWithinBar(archive);

        Assert.Empty(output.Packages);
        Assert.Equal("/opt/app.jar!/META-INF/maven/g/a/pom.properties", Assert.Single(output.Gaps).Where);
    }

    [Fact]
    public void Bytes_that_are_no_zip_are_a_gap()
    {
        var output = ReadWithinBar(Encoding.UTF8.GetBytes(new string('x', 100_000)));

        Assert.Empty(output.Packages);
        Assert.Contains("not a zip archive", Assert.Single(output.Gaps).Reason, StringComparison.Ordinal);
    }
}
