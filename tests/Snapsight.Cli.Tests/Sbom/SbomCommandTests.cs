using System.Text.Json;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cli.Tests.Sbom;

/// <summary>
/// <c>snapsight sbom</c> run as a process on real disks: the documents pass the official
/// CycloneDX schema (and our SPDX 2.3 schema), hold together, and list exactly what the package
/// managers' own tools list for the same images.
/// </summary>
public sealed class SbomCommandTests
{
    [Fact]
    public void Debian_CycloneDx_is_valid_and_lists_what_dpkg_query_lists()
    {
        var bom = Sbom("cyclonedx", DebianImages.Path("gpt-disk.qcow2"));
        SbomSchemas.AssertValidCycloneDx(bom.RootElement);
        var components = SbomConsistency.AssertCycloneDx(bom.RootElement);

        var os = Assert.Single(components.Values, c => c.GetProperty("type").GetString() == "operating-system");
        Assert.Equal("debian", os.GetProperty("name").GetString());
        Assert.Equal("12", os.GetProperty("version").GetString());
        var libraries = components.Values.Where(c => c.GetProperty("type").GetString() == "library").ToList();
        Assert.Equal(InventoryPackageCount(DebianImages.Path("gpt-disk.qcow2")), libraries.Count);
        var packages = libraries.Where(p => Property(p, "snapsight:package:type") == "dpkg").ToList();
        Assert.Equal(DpkgQuery(), packages
            .Select(p => $"{p.GetProperty("name").GetString()}\t{p.GetProperty("version").GetString()}\t{Property(p, "snapsight:package:arch")}")
            .Order(StringComparer.Ordinal));
        Assert.All(packages, p => Assert.Equal("deb", PackageUrlText.Parse(p.GetProperty("purl").GetString()!).Type));

        // The operating system depends on every OS package; the target on the operating system and on any language package.
        var dependencies = bom.RootElement.GetProperty("dependencies").EnumerateArray()
            .ToDictionary(d => d.GetProperty("ref").GetString()!, d => d.GetProperty("dependsOn").EnumerateArray().Select(e => e.GetString()!).ToHashSet());
        var osRef = os.GetProperty("bom-ref").GetString()!;
        var unknown = Assert.Single(bom.RootElement.GetProperty("compositions").EnumerateArray());
        Assert.Equal("unknown", unknown.GetProperty("aggregate").GetString());
        Assert.Equal(libraries.Count, unknown.GetProperty("dependencies").GetArrayLength());
        Assert.Equal(packages.Select(p => p.GetProperty("bom-ref").GetString()!).ToHashSet(), dependencies[osRef]);
        Assert.Equal(
            libraries.Except(packages).Select(p => p.GetProperty("bom-ref").GetString()!).Append(osRef).ToHashSet(),
            dependencies[bom.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("bom-ref").GetString()!]);
    }

    [Fact]
    public void Debian_SPDX_is_valid_and_lists_what_dpkg_query_lists()
    {
        var document = Sbom("spdx-json", DebianImages.Path("gpt-disk.qcow2"));
        SbomSchemas.AssertValidSpdx(document.RootElement);
        var packages = SbomConsistency.AssertSpdx(document.RootElement);

        var os = Assert.Single(packages.Values, p => p.GetProperty("primaryPackagePurpose").GetString() == "OPERATING-SYSTEM");
        Assert.Equal("debian", os.GetProperty("name").GetString());
        var libraries = packages.Values.Where(p => p.GetProperty("primaryPackagePurpose").GetString() == "LIBRARY").ToList();
        Assert.Equal(InventoryPackageCount(DebianImages.Path("gpt-disk.qcow2")), libraries.Count);
        var debs = libraries
            .Select(p => (Package: p, Purl: PackageUrlText.Parse(p.GetProperty("externalRefs")[0].GetProperty("referenceLocator").GetString()!)))
            .Where(p => p.Purl.Type == "deb")
            .ToList();
        Assert.Equal(DpkgQuery(), debs.Select(p => $"{p.Purl.Name}\t{p.Purl.Version}\t{p.Purl.Qualifiers["arch"]}").Order(StringComparer.Ordinal));

        var relationships = document.RootElement.GetProperty("relationships").EnumerateArray()
            .Select(r => (r.GetProperty("spdxElementId").GetString(), r.GetProperty("relationshipType").GetString(), r.GetProperty("relatedSpdxElement").GetString()))
            .ToList();
        var osId = os.GetProperty("SPDXID").GetString();
        Assert.Equal(
            debs.Select(p => p.Package.GetProperty("SPDXID").GetString()).Order(StringComparer.Ordinal),
            relationships.Where(r => r.Item1 == osId && r.Item2 == "DEPENDS_ON").Select(r => r.Item3).Order(StringComparer.Ordinal));
        var described = Assert.Single(relationships, r => r.Item2 == "DESCRIBES").Item3;
        Assert.Equal(packages.Count - 1, relationships.Count(r => r.Item1 == described && r.Item2 == "CONTAINS"));
    }

    [Fact]
    public void Amazon_Linux_licences_are_expressions_only_when_the_SPDX_list_has_them()
    {
        using var directory = new TempDirectory();
        var image = directory.Gunzip(SharedData.Path("fsimages", "generated", "al2023-gpt-xfs.img.gz"), "al2023.img");
        var rpmQa = File.ReadAllLines(SharedData.Path("pkgdb", "rpm", "go-rpmdb", "amazonlinux2023-plain", "packages.csv"))
            .Select(l => l.Split('¶'))
            .ToDictionary(f => $"{f[1]}\t{f[2]}-{f[3]}", f => f[7], StringComparer.Ordinal);

        var bom = Sbom("cyclonedx", image);
        SbomSchemas.AssertValidCycloneDx(bom.RootElement);
        var components = SbomConsistency.AssertCycloneDx(bom.RootElement).Values.Where(c => c.GetProperty("type").GetString() == "library").ToList();
        Assert.Equal(InventoryPackageCount(image), components.Count);
        components = components.Where(c => Property(c, "snapsight:package:type") == "rpm").ToList();
        Assert.Equal(rpmQa.Keys.Order(StringComparer.Ordinal), components.Select(Key).Order(StringComparer.Ordinal));
        Assert.All(components, c =>
        {
            var declared = rpmQa[Key(c)];
            var licence = Assert.Single(c.GetProperty("licenses").EnumerateArray());
            // Every licence of this database is either one word or Fedora's free text ("GPLv2+ and BSD"):
            // only a single identifier on the SPDX list may become an expression.
            if (SbomSchemas.SpdxLicenceIds.Contains(declared))
            {
                Assert.Equal(declared, licence.GetProperty("expression").GetString());
            }
            else
            {
                Assert.Equal(declared, licence.GetProperty("license").GetProperty("name").GetString());
            }
        });
        Assert.Contains(components, c => c.GetProperty("licenses")[0].TryGetProperty("expression", out _));

        var spdx = Sbom("spdx-json", image);
        SbomSchemas.AssertValidSpdx(spdx.RootElement);
        var packages = SbomConsistency.AssertSpdx(spdx.RootElement);
        Assert.Equal(InventoryPackageCount(image) + 2, packages.Count); // the target and the operating system besides
        var os = Assert.Single(packages.Values, p => p.GetProperty("primaryPackagePurpose").GetString() == "OPERATING-SYSTEM");
        Assert.Equal("amzn", os.GetProperty("name").GetString());
        Assert.Equal("2023", os.GetProperty("versionInfo").GetString());

        static string Key(JsonElement c) => $"{c.GetProperty("name").GetString()}\t{c.GetProperty("version").GetString()}";
    }

    [Theory]
    [InlineData("cyclonedx")]
    [InlineData("spdx-json")]
    public void Ubuntu_18_04_gives_a_valid_document_with_every_package(string format)
    {
        using var directory = new TempDirectory();
        var image = directory.Gunzip(SharedData.Path("fsimages", "generated", "ubuntu1804-gpt-ext4.img.gz"), "ubuntu.img");
        var expected = InventoryPackageCount(image);
        Assert.Equal(File.ReadAllLines(SharedData.Path("pkgdb", "dpkg", "trivy", "valid.txtar.expected.dpkg-query.tsv")).Length - 1, expected);

        var document = Sbom(format, image);

        if (format == "cyclonedx")
        {
            SbomSchemas.AssertValidCycloneDx(document.RootElement);
            Assert.Equal(expected + 1, SbomConsistency.AssertCycloneDx(document.RootElement).Count);
        }
        else
        {
            SbomSchemas.AssertValidSpdx(document.RootElement);
            Assert.Equal(expected + 2, SbomConsistency.AssertSpdx(document.RootElement).Count);
        }
    }

    [Theory]
    [InlineData("cyclonedx", "serialNumber", "metadata", "timestamp")]
    [InlineData("spdx-json", "documentNamespace", "creationInfo", "created")]
    public void Two_runs_differ_only_in_serial_and_time(string format, string unique, string timeParent, string time)
    {
        var image = DebianImages.Path("root-ext4.img");
        var first = JsonNodeOf(SnapsightProcess.Run("sbom", image, "--format", format));
        var second = JsonNodeOf(SnapsightProcess.Run("sbom", image, "--format", format));

        Assert.NotEqual(first[unique]!.GetValue<string>(), second[unique]!.GetValue<string>());
        foreach (var node in new[] { first, second })
        {
            node.Remove(unique);
            Assert.True(node[timeParent]!.AsObject().Remove(time));
        }

        Assert.Equal(first.ToJsonString(), second.ToJsonString());
    }

    [Fact]
    public void Output_goes_to_the_file_named_and_nothing_to_stdout()
    {
        using var directory = new TempDirectory();
        var file = directory.File("bom.json");
        var result = SnapsightProcess.Run("sbom", DebianImages.Path("gpt-disk.vhd"), "--format", "cyclonedx", "--output", file, "--partition", "2");
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
        using var bom = JsonDocument.Parse(File.ReadAllBytes(file));
        SbomSchemas.AssertValidCycloneDx(bom.RootElement);
        Assert.Equal("gpt-disk.vhd", bom.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("name").GetString());
    }

    [Fact]
    public void A_directory_target_is_described_by_its_name()
    {
        var bom = Sbom("cyclonedx", DebianImages.Path("rootfs") + "/");
        SbomSchemas.AssertValidCycloneDx(bom.RootElement);
        Assert.Equal("rootfs", bom.RootElement.GetProperty("metadata").GetProperty("component").GetProperty("name").GetString());
        Assert.Equal(DpkgQuery().Count, SbomConsistency.AssertCycloneDx(bom.RootElement).Values.Count(c => Property(c, "snapsight:package:type") == "dpkg"));
    }

    [Fact]
    public void A_format_is_required()
    {
        var result = SnapsightProcess.Run("sbom", DebianImages.Path("gpt-disk.qcow2"));
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains("--format", result.Stderr, StringComparison.Ordinal);
    }

    private static JsonDocument Sbom(string format, string image)
    {
        var result = SnapsightProcess.Run("sbom", image, "--format", format);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout);
    }

    private static System.Text.Json.Nodes.JsonObject JsonNodeOf(SnapsightProcess.Result result)
    {
        Assert.Equal(0, result.ExitCode);
        return System.Text.Json.Nodes.JsonNode.Parse(result.Stdout)!.AsObject();
    }

    /// <summary>How many packages <c>snapsight inventory</c> finds on the same target: the SBOM must drop none and add none.</summary>
    private static int InventoryPackageCount(string image)
    {
        var result = SnapsightProcess.Run("inventory", image, "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using var inventory = JsonDocument.Parse(result.Stdout);
        return inventory.RootElement.GetProperty("packages").GetArrayLength();
    }

    /// <summary>name, version, architecture of every package, as dpkg itself reads the image's tree.</summary>
    private static List<string> DpkgQuery() =>
        Tool.Run("dpkg-query", $"--admindir={DebianImages.Path("rootfs")}/var/lib/dpkg", "-W", "-f", "${Package}\t${Version}\t${Architecture}\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();

    private static string? Property(JsonElement component, string name) =>
        component.GetProperty("properties").EnumerateArray().Where(p => p.GetProperty("name").GetString() == name).Select(p => p.GetProperty("value").GetString()).SingleOrDefault();
}
