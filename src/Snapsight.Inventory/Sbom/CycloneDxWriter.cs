using System.Globalization;
using System.Text.Json;
using Snapsight.Inventory.Os;

namespace Snapsight.Inventory.Sbom;

/// <summary>
/// An inventory as a CycloneDX 1.6 JSON BOM (docs/sbom.md has the field-by-field mapping).
/// The scanned target is metadata.component; the operating system is a component that depends
/// on every OS package; the target depends on the operating system and on every language
/// package. Packages get no dependency entry of their own: CycloneDX reads an empty entry as
/// "depends on nothing", while we simply do not know, which a composition says.
/// </summary>
public static class CycloneDxWriter
{
    private const string TargetRef = "target";

    /// <summary>Writes the BOM; <paramref name="extraSections"/>, when given, adds top-level sections that refer to its components.</summary>
    public static void Write(Stream output, SbomDocument document, CycloneDxSection? extraSections = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(document);
        var (os, components, info) = document;

        // bom-refs are the purls; a purl seen twice gets "|2", a character no purl of ours holds unencoded.
        var ids = new UniqueIds("|");
        ids.Claim(TargetRef);
        var osRef = os is not null ? ids.Claim(OsRef(os)) : null;
        var refs = components.Select(c => ids.Claim(c.Item.Purl)).ToList();

        using var w = SbomJson.Writer(output);
        w.WriteStartObject();
        w.WriteString("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
        w.WriteString("bomFormat", "CycloneDX");
        w.WriteString("specVersion", "1.6");
        w.WriteString("serialNumber", $"urn:uuid:{info.SerialNumber:D}");
        w.WriteNumber("version", 1);
        WriteMetadata(w, info);
        w.WriteStartArray("components");
        if (os is not null)
        {
            WriteOperatingSystem(w, os, osRef!, document.OsDescription!);
        }

        for (var i = 0; i < components.Count; i++)
        {
            WritePackage(w, components[i].Item, refs[i]);
        }

        w.WriteEndArray();
        w.WriteStartArray("dependencies");
        var onTop = components.Select((c, i) => (c, i)).Where(x => !x.c.IsOsPackage).Select(x => refs[x.i]);
        WriteDependency(w, TargetRef, osRef is null ? onTop : onTop.Prepend(osRef));
        if (osRef is not null)
        {
            WriteDependency(w, osRef, components.Select((c, i) => (c, i)).Where(x => x.c.IsOsPackage).Select(x => refs[x.i]));
        }

        w.WriteEndArray();
        WriteUnknownDependencies(w, refs);
        extraSections?.Invoke(w, new CycloneDxBomRefs(ids, components.Select((c, i) => (c.Item, refs[i]))));
        w.WriteEndObject();
        SbomJson.End(w, output);
    }

    private static string OsRef(OperatingSystemInfo os) => $"os:{os.Family}@{os.VersionId ?? "unknown"}";

    private static void WriteMetadata(Utf8JsonWriter w, SbomDocumentInfo info)
    {
        w.WriteStartObject("metadata");
        w.WriteString("timestamp", SbomJson.Timestamp(info.Created));
        w.WriteStartObject("tools");
        w.WriteStartArray("components");
        w.WriteStartObject();
        w.WriteString("type", "application");
        w.WriteString("name", "snapsight");
        w.WriteString("version", info.ToolVersion);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();

        // A disk image is "a computer file"; "device" is hardware and "data" a data set in CycloneDX's own words (docs/sbom.md).
        w.WriteStartObject("component");
        w.WriteString("type", "file");
        w.WriteString("bom-ref", TargetRef);
        w.WriteString("name", info.TargetName);
        w.WriteEndObject();
        WriteProperties(w, info.Gaps.Select(g => ("snapsight:gap", (string?)$"{g.Where}: {g.Reason}")));
        w.WriteEndObject();
    }

    private static void WriteOperatingSystem(Utf8JsonWriter w, OperatingSystemInfo os, string bomRef, string description)
    {
        w.WriteStartObject();
        w.WriteString("type", "operating-system");
        w.WriteString("bom-ref", bomRef);
        w.WriteString("name", os.Family);
        if (os.VersionId is not null)
        {
            w.WriteString("version", os.VersionId);
        }

        w.WriteString("description", description);
        WriteProperties(w, [("snapsight:os:codename", os.Codename), ("snapsight:os:source", os.Source)]);
        w.WriteEndObject();
    }

    private static void WritePackage(Utf8JsonWriter w, InventoryPackage item, string bomRef)
    {
        var package = item.Package;
        w.WriteStartObject();
        w.WriteString("type", "library");
        w.WriteString("bom-ref", bomRef);
        w.WriteString("name", package.Name);
        w.WriteString("version", package.Version);
        if (package.Licence is not null)
        {
            w.WriteStartArray("licenses");
            w.WriteStartObject();
            if (SpdxLicenseExpression.Normalize(package.Licence) is { } expression)
            {
                w.WriteString("expression", expression);
            }
            else
            {
                w.WriteStartObject("license");
                w.WriteString("name", package.Licence);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteString("purl", item.Purl);
        WriteProperties(w,
        [
            ("snapsight:package:type", package.Type),
            ("snapsight:package:location", package.Location),
            ("snapsight:package:arch", package.Arch),
            ("snapsight:package:epoch", package.Epoch?.ToString(CultureInfo.InvariantCulture)),
            ("snapsight:package:source-name", package.SourceName),
            ("snapsight:package:source-version", package.SourceVersion),
        ]);
        w.WriteEndObject();
    }

    /// <summary>A "properties" array of name/value pairs, leaving out unknown values; no array at all when nothing is known. Public for the sections added through <see cref="CycloneDxSection"/>.</summary>
    public static void WriteProperties(Utf8JsonWriter w, IEnumerable<(string Name, string? Value)> properties)
    {
        var known = properties.Where(p => p.Value is not null).ToList();
        if (known.Count == 0)
        {
            return;
        }

        w.WriteStartArray("properties");
        foreach (var (name, value) in known)
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("value", value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>
    /// Says outright, as CycloneDX recommends, that the packages' own dependencies are unknown
    /// (we do not read them yet), rather than leaving a reader to infer it from their absence.
    /// </summary>
    private static void WriteUnknownDependencies(Utf8JsonWriter w, List<string> packageRefs)
    {
        if (packageRefs.Count == 0)
        {
            return;
        }

        w.WriteStartArray("compositions");
        w.WriteStartObject();
        w.WriteString("aggregate", "unknown");
        w.WriteStartArray("dependencies");
        foreach (var packageRef in packageRefs)
        {
            w.WriteStringValue(packageRef);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteDependency(Utf8JsonWriter w, string bomRef, IEnumerable<string> dependsOn)
    {
        w.WriteStartObject();
        w.WriteString("ref", bomRef);
        w.WriteStartArray("dependsOn");
        foreach (var target in dependsOn)
        {
            w.WriteStringValue(target);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
