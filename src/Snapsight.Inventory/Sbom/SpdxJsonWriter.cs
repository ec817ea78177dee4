using System.Text;
using System.Text.Json;
using Snapsight.Inventory.Os;

namespace Snapsight.Inventory.Sbom;

/// <summary>
/// An inventory as an SPDX 2.3 JSON document (docs/sbom.md has the field-by-field mapping).
/// The document DESCRIBES one package standing for the scanned target, which CONTAINS the
/// operating system and every package; the operating system DEPENDS_ON each OS package, the
/// same graph the CycloneDX writer draws.
/// </summary>
public static class SpdxJsonWriter
{
    private const string DocumentId = "SPDXRef-DOCUMENT";
    private const string TargetId = "SPDXRef-Target";
    private const string OsId = "SPDXRef-OperatingSystem";
    private const string NoAssertion = "NOASSERTION";

    public static void Write(Stream output, SbomDocument document)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(document);
        var (os, components, info) = document;
        var ids = new UniqueIds("-");
        ids.Claim(DocumentId);
        ids.Claim(TargetId);
        ids.Claim(OsId);
        var packageIds = components
            .Select(c => ids.Claim($"SPDXRef-Package-{IdSafe(c.Item.Package.Type)}-{IdSafe(c.Item.Package.Name)}-{IdSafe(c.Item.Package.Version)}"))
            .ToList();

        using var w = SbomJson.Writer(output);
        w.WriteStartObject();
        w.WriteString("spdxVersion", "SPDX-2.3");
        w.WriteString("dataLicense", "CC0-1.0");
        w.WriteString("SPDXID", DocumentId);
        w.WriteString("name", info.TargetName);
        w.WriteString("documentNamespace", $"https://snapsight.invalid/spdx/{IdSafe(info.TargetName)}-{info.SerialNumber:D}");
        w.WriteStartObject("creationInfo");
        w.WriteString("created", SbomJson.Timestamp(info.Created));
        w.WriteStartArray("creators");
        w.WriteStringValue($"Tool: snapsight-{info.ToolVersion}");
        w.WriteEndArray();
        if (info.Gaps.Count > 0)
        {
            // SPDX has no field for an incomplete scan; the creation comment is where a reader looks for how the document was made.
            w.WriteString("comment", "Incomplete inventory. " + string.Join("; ", info.Gaps.Select(g => $"{g.Where}: {g.Reason}")));
        }

        w.WriteEndObject();

        w.WriteStartArray("packages");
        WriteTarget(w, info);
        if (os is not null)
        {
            WriteOperatingSystem(w, os, document.OsDescription!);
        }

        for (var i = 0; i < components.Count; i++)
        {
            WritePackage(w, components[i].Item, packageIds[i]);
        }

        w.WriteEndArray();

        w.WriteStartArray("relationships");
        WriteRelationship(w, DocumentId, "DESCRIBES", TargetId);
        if (os is not null)
        {
            WriteRelationship(w, TargetId, "CONTAINS", OsId);
        }

        for (var i = 0; i < components.Count; i++)
        {
            WriteRelationship(w, TargetId, "CONTAINS", packageIds[i]);
            if (components[i].IsOsPackage)
            {
                WriteRelationship(w, OsId, "DEPENDS_ON", packageIds[i]);
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
        SbomJson.End(w, output);
    }

    /// <summary>SPDX identifiers and our namespace path allow letters, digits, '.' and '-' only: everything else becomes '-'.</summary>
    private static string IdSafe(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-');
        }

        return safe.ToString();
    }

    private static void WriteTarget(Utf8JsonWriter w, SbomDocumentInfo info)
    {
        // A disk image is a single, independently distributed file: purpose FILE (docs/sbom.md).
        WritePackageStart(w, TargetId, info.TargetName, version: null);
        WriteLicences(w, declared: null);
        w.WriteString("primaryPackagePurpose", "FILE");
        w.WriteEndObject();
    }

    private static void WriteOperatingSystem(Utf8JsonWriter w, OperatingSystemInfo os, string description)
    {
        WritePackageStart(w, OsId, os.Family, os.VersionId);
        WriteLicences(w, declared: null);
        w.WriteString("description", description);
        w.WriteString("primaryPackagePurpose", "OPERATING-SYSTEM");
        w.WriteEndObject();
    }

    private static void WritePackage(Utf8JsonWriter w, InventoryPackage item, string id)
    {
        var package = item.Package;
        WritePackageStart(w, id, package.Name, package.Version);
        WriteLicences(w, package.Licence);
        if (package.SourceName is not null)
        {
            var version = package.SourceVersion is null ? "" : $" {package.SourceVersion}";
            w.WriteString("sourceInfo", $"built from the {package.Type} source package {package.SourceName}{version}");
        }

        w.WriteStartArray("externalRefs");
        w.WriteStartObject();
        w.WriteString("referenceCategory", "PACKAGE-MANAGER");
        w.WriteString("referenceType", "purl");
        w.WriteString("referenceLocator", item.Purl);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("primaryPackagePurpose", "LIBRARY");
        w.WriteEndObject();
    }

    private static void WritePackageStart(Utf8JsonWriter w, string id, string name, string? version)
    {
        w.WriteStartObject();
        w.WriteString("SPDXID", id);
        w.WriteString("name", name);
        if (version is not null)
        {
            w.WriteString("versionInfo", version);
        }

        // We read package databases, not download sites or files: nothing to assert about either.
        w.WriteString("downloadLocation", NoAssertion);
        w.WriteBoolean("filesAnalyzed", false);
    }

    /// <summary>What the package's metadata declares, when it is a valid SPDX expression; we conclude nothing ourselves.</summary>
    private static void WriteLicences(Utf8JsonWriter w, string? declared)
    {
        w.WriteString("licenseConcluded", NoAssertion);
        w.WriteString("licenseDeclared", SpdxLicenseExpression.Normalize(declared) ?? NoAssertion);
        w.WriteString("copyrightText", NoAssertion);
    }

    private static void WriteRelationship(Utf8JsonWriter w, string element, string type, string related)
    {
        w.WriteStartObject();
        w.WriteString("spdxElementId", element);
        w.WriteString("relationshipType", type);
        w.WriteString("relatedSpdxElement", related);
        w.WriteEndObject();
    }
}
