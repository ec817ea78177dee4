using System.Text.Json;

namespace Snapsight.Cli.Tests.Sbom;

/// <summary>What a reader of an SBOM checks beyond the schema: identifiers unique, every reference resolvable, purls well formed.</summary>
public static class SbomConsistency
{
    /// <summary>Checks a CycloneDX BOM and returns its components by bom-ref.</summary>
    public static Dictionary<string, JsonElement> AssertCycloneDx(JsonElement bom)
    {
        var components = bom.GetProperty("components").EnumerateArray().ToList();
        var refs = components.Select(c => c.GetProperty("bom-ref").GetString()!)
            .Append(bom.GetProperty("metadata").GetProperty("component").GetProperty("bom-ref").GetString()!)
            .ToList();
        Assert.Equal(refs.Count, refs.Distinct(StringComparer.Ordinal).Count());
        foreach (var dependency in bom.GetProperty("dependencies").EnumerateArray())
        {
            Assert.Contains(dependency.GetProperty("ref").GetString(), refs);
            foreach (var target in dependency.GetProperty("dependsOn").EnumerateArray())
            {
                Assert.Contains(target.GetString(), refs);
            }
        }

        foreach (var composition in bom.TryGetProperty("compositions", out var compositions) ? compositions.EnumerateArray() : default)
        {
            Assert.All(composition.GetProperty("dependencies").EnumerateArray(), d => Assert.Contains(d.GetString(), refs));
        }

        foreach (var component in components.Where(c => c.TryGetProperty("purl", out _)))
        {
            var purl = PackageUrlText.Parse(component.GetProperty("purl").GetString()!);
            Assert.Equal(component.GetProperty("version").GetString(), purl.Version);
        }

        foreach (var licence in components.Where(c => c.TryGetProperty("licenses", out _)).SelectMany(c => c.GetProperty("licenses").EnumerateArray()))
        {
            if (licence.TryGetProperty("expression", out var expression))
            {
                AssertListedLicences(expression.GetString()!);
            }
        }

        return components.ToDictionary(c => c.GetProperty("bom-ref").GetString()!, StringComparer.Ordinal);
    }

    /// <summary>Checks an SPDX document and returns its packages by SPDXID.</summary>
    public static Dictionary<string, JsonElement> AssertSpdx(JsonElement document)
    {
        var packages = document.GetProperty("packages").EnumerateArray().ToList();
        var ids = packages.Select(p => p.GetProperty("SPDXID").GetString()!).Append("SPDXRef-DOCUMENT").ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var relationships = document.GetProperty("relationships").EnumerateArray().ToList();
        foreach (var relationship in relationships)
        {
            Assert.Contains(relationship.GetProperty("spdxElementId").GetString(), ids);
            Assert.Contains(relationship.GetProperty("relatedSpdxElement").GetString(), ids);
        }

        Assert.Contains(relationships, r => r.GetProperty("spdxElementId").GetString() == "SPDXRef-DOCUMENT" && r.GetProperty("relationshipType").GetString() == "DESCRIBES");
        foreach (var package in packages)
        {
            foreach (var reference in package.TryGetProperty("externalRefs", out var refs) ? refs.EnumerateArray() : default)
            {
                var purl = PackageUrlText.Parse(reference.GetProperty("referenceLocator").GetString()!);
                Assert.Equal(package.GetProperty("versionInfo").GetString(), purl.Version);
            }

            var declared = package.GetProperty("licenseDeclared").GetString()!;
            if (declared != "NOASSERTION")
            {
                AssertListedLicences(declared);
            }
        }

        return packages.ToDictionary(p => p.GetProperty("SPDXID").GetString()!, StringComparer.Ordinal);
    }

    /// <summary>Every identifier in an expression is on the SPDX list as CycloneDX's schema carries it.</summary>
    private static void AssertListedLicences(string expression)
    {
        foreach (var token in expression.Split([' ', '(', ')'], StringSplitOptions.RemoveEmptyEntries).Where(t => t is not ("AND" or "OR")))
        {
            Assert.Contains(token.TrimEnd('+'), SbomSchemas.SpdxLicenceIds);
        }
    }
}
