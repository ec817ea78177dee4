using System.Text.Json;
using System.Text.Json.Nodes;
using Snapsight.Inventory;
using Snapsight.Inventory.Os;
using Snapsight.Inventory.Packages;
using Snapsight.Inventory.Purl;
using Snapsight.Inventory.Sbom;

namespace Snapsight.Cli.Tests.Sbom;

/// <summary>
/// The writers on inventories the test images do not have: one purl twice, names no SPDX
/// identifier may hold, language packages beside the OS, no OS at all, and a scan with gaps.
/// Also that the schemas used above do reject what they should, so their passing means something.
/// </summary>
public sealed class SbomWriterTests
{
    private static readonly OperatingSystemInfo Debian = new("debian", "Debian GNU/Linux", "12 (bookworm)", "12", "bookworm", "/etc/os-release");

    [Fact]
    public void The_same_jar_in_two_places_gets_two_refs_and_both_documents_stay_valid()
    {
        var inventory = Inventory(Debian,
            Package("java", "org.apache.logging.log4j:log4j-core", "2.14.1", "/opt/a/lib/log4j-core-2.14.1.jar", "Apache-2.0"),
            Package("java", "org.apache.logging.log4j:log4j-core", "2.14.1", "/opt/b/log4j-core-2.14.1.jar", "Apache-2.0"),
            Package("npm", "@babel/core", "7.24.0", "/usr/lib/node_modules/@babel/core/package.json", "MIT OR (Apache-2.0 AND bsd-3-clause)"),
            Package("dpkg", "libstdc++6", "12.2.0-14", "/var/lib/dpkg/status", "GPLv3+ with GCC exception"),
            Package("dpkg", "libstdc--6", "12.2.0-14", "/var/lib/dpkg/status", null));

        var (bom, spdx) = Both(inventory, [new InventoryGap("/var/lib/rpm", "rpmdb is 5 GiB, over the 512 MiB limit")]);

        var components = SbomConsistency.AssertCycloneDx(bom.RootElement);
        Assert.Equal(6, components.Count);
        var jars = components.Values.Where(c => c.GetProperty("name").GetString()!.EndsWith("log4j-core", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, jars.Select(j => j.GetProperty("bom-ref").GetString()).Distinct().Count());
        Assert.Equal(["/opt/a/lib/log4j-core-2.14.1.jar", "/opt/b/log4j-core-2.14.1.jar"],
            jars.Select(j => j.GetProperty("properties").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "snapsight:package:location").GetProperty("value").GetString()));
        var babel = components.Values.Single(c => c.GetProperty("name").GetString() == "@babel/core");
        Assert.Equal("MIT OR (Apache-2.0 AND BSD-3-Clause)", babel.GetProperty("licenses")[0].GetProperty("expression").GetString());
        var gcc = components.Values.Single(c => c.GetProperty("name").GetString() == "libstdc++6");
        Assert.Equal("GPLv3+ with GCC exception", gcc.GetProperty("licenses")[0].GetProperty("license").GetProperty("name").GetString());
        Assert.Contains(bom.RootElement.GetProperty("metadata").GetProperty("properties").EnumerateArray(),
            p => p.GetProperty("name").GetString() == "snapsight:gap" && p.GetProperty("value").GetString()!.StartsWith("/var/lib/rpm: ", StringComparison.Ordinal));

        // Language packages hang from the target, OS packages from the operating system.
        var dependsOn = bom.RootElement.GetProperty("dependencies").EnumerateArray()
            .ToDictionary(d => d.GetProperty("ref").GetString()!, d => d.GetProperty("dependsOn").EnumerateArray().Select(e => components[e.GetString()!].GetProperty("name").GetString()).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(["@babel/core", "debian", "org.apache.logging.log4j:log4j-core", "org.apache.logging.log4j:log4j-core"], dependsOn["target"]);
        Assert.Equal(["libstdc++6", "libstdc--6"], dependsOn.Single(d => d.Key != "target").Value);

        var packages = SbomConsistency.AssertSpdx(spdx.RootElement);
        Assert.Equal(7, packages.Count);
        Assert.Equal("NOASSERTION", packages.Values.Single(p => p.GetProperty("name").GetString() == "libstdc++6").GetProperty("licenseDeclared").GetString());
        Assert.StartsWith("Incomplete inventory. /var/lib/rpm: ", spdx.RootElement.GetProperty("creationInfo").GetProperty("comment").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_operating_system_every_package_hangs_from_the_target()
    {
        var inventory = Inventory(null, Package("apk", "musl", "1.2.4-r2", "/lib/apk/db/installed", "MIT"));

        var (bom, spdx) = Both(inventory, []);

        Assert.DoesNotContain(bom.RootElement.GetProperty("components").EnumerateArray(), c => c.GetProperty("type").GetString() == "operating-system");
        var dependency = Assert.Single(bom.RootElement.GetProperty("dependencies").EnumerateArray());
        Assert.Equal("target", dependency.GetProperty("ref").GetString());
        Assert.Single(dependency.GetProperty("dependsOn").EnumerateArray());
        Assert.DoesNotContain(spdx.RootElement.GetProperty("relationships").EnumerateArray(), r => r.GetProperty("relationshipType").GetString() == "DEPENDS_ON");
    }

    [Theory]
    [InlineData("/components/1/licenses", """[{"license":{"id":"Not-A-Licence"}}]""")] // reaches the SPDX list schema through $ref
    [InlineData("/components/1/type", "\"virtual-machine\"")]
    [InlineData("/serialNumber", "\"urn:uuid:not-a-uuid\"")]
    [InlineData("/metadata/timestamp", "\"yesterday\"")]
    public void The_CycloneDX_schema_rejects_a_broken_document(string pointer, string value)
    {
        var (bom, _) = Both(Inventory(Debian, Package("dpkg", "bash", "5.2.15-2+b2", "/var/lib/dpkg/status", null)), []);
        SbomSchemas.AssertValidCycloneDx(bom.RootElement);
        var broken = Replace(bom, pointer, value);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => SbomSchemas.AssertValidCycloneDx(broken));
    }

    [Theory]
    [InlineData("/packages/2/SPDXID", "\"SPDXRef-has_underscore\"")]
    [InlineData("/creationInfo/created", "\"2026-11-27T17:31:53.123+01:00\"")]
    [InlineData("/packages/2/primaryPackagePurpose", "\"OPERATING_SYSTEM\"")]
    [InlineData("/relationships/0/relationshipType", "\"IS_PART_OF\"")]
    public void Our_SPDX_schema_rejects_a_broken_document(string pointer, string value)
    {
        var (_, spdx) = Both(Inventory(Debian, Package("dpkg", "bash", "5.2.15-2+b2", "/var/lib/dpkg/status", null)), []);
        SbomSchemas.AssertValidSpdx(spdx.RootElement);
        var broken = Replace(spdx, pointer, value);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => SbomSchemas.AssertValidSpdx(broken));
    }

    private static (JsonDocument CycloneDx, JsonDocument Spdx) Both(InventoryResult inventory, IReadOnlyList<InventoryGap> gaps)
    {
        var document = SbomDocument.Of(inventory, new SbomDocumentInfo("disk.qcow2", "1.0.0", DateTimeOffset.UnixEpoch, Guid.NewGuid(), gaps));
        using var cyclonedx = new MemoryStream();
        CycloneDxWriter.Write(cyclonedx, document);
        using var spdx = new MemoryStream();
        SpdxJsonWriter.Write(spdx, document);
        var result = (JsonDocument.Parse(cyclonedx.ToArray()), JsonDocument.Parse(spdx.ToArray()));
        SbomSchemas.AssertValidCycloneDx(result.Item1.RootElement);
        SbomSchemas.AssertValidSpdx(result.Item2.RootElement);
        return result;
    }

    private static JsonElement Replace(JsonDocument document, string pointer, string json)
    {
        var root = JsonNode.Parse(document.RootElement.GetRawText())!;
        var parts = pointer.Trim('/').Split('/');
        var parent = parts[..^1].Aggregate(root, (node, part) => int.TryParse(part, out var i) ? node[i]! : node[part]!);
        parent[parts[^1]] = JsonNode.Parse(json);
        return JsonDocument.Parse(root.ToJsonString()).RootElement;
    }

    private static InventoryResult Inventory(OperatingSystemInfo? os, params InstalledPackage[] packages) =>
        new(os, packages.Select(p => new InventoryPackage(p, PackageUrl.For(p, os))).ToList(), []);

    private static InstalledPackage Package(string type, string name, string version, string location, string? licence) =>
        new() { Type = type, Name = name, Version = version, Location = location, Licence = licence, Arch = type == "dpkg" ? "amd64" : null };
}
