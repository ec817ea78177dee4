using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Snapsight.Advisories.Matching;
using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Reports;

/// <summary>
/// A scan as a SARIF 2.1.0 log (docs/advisories/reports.md has the field-by-field mapping): one
/// run; one rule per vulnerability id; one result per finding, located at the package's database
/// or manifest file inside the image, relative to the "IMAGEROOT" base, with the purl as its
/// logical location. The scan's inventory gaps become tool execution notifications, so a reader
/// can tell a partial scan from a clean one.
/// </summary>
public static class SarifWriter
{
    public const string ImageRoot = "IMAGEROOT";

    /// <summary>The fingerprint's name; its value hashes what identifies the flaw in the package regardless of version, so an upgrade that is still vulnerable stays one alert.</summary>
    public const string FingerprintName = "vulnerabilityInPackage/v1";

    // Snapsight has no public home yet; ".invalid" (RFC 2606), as docs/sbom.md does for SPDX namespaces.
    private const string InformationUri = "https://snapsight.invalid/";

    public static void Write(Stream output, ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var rules = report.Findings.GroupBy(f => f.Id, StringComparer.Ordinal).ToList();
        var ruleIndex = rules.Select((r, i) => (r.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);

        // Indented, non-ASCII left readable; quotes and control characters are still escaped.
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", "snapsight");
        w.WriteString("version", report.ToolVersion);
        w.WriteString("informationUri", InformationUri);
        w.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            WriteRule(w, rule.Key, rule.ToList());
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        WriteInvocation(w, report);
        w.WriteStartObject("originalUriBaseIds");
        w.WriteStartObject(ImageRoot);
        WriteText(w, "description", $"The root directory of the scanned image {report.Target}");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("results");
        foreach (var finding in report.Findings)
        {
            WriteResult(w, finding, ruleIndex[finding.Id]);
        }

        w.WriteEndArray();
        w.WriteStartObject("properties");
        w.WriteString("target", report.Target);
        w.WriteString("databaseBuiltAt", report.Database.BuiltAt.UtcDateTime);
        w.WriteNumber("databaseSchemaVersion", report.Database.SchemaVersion);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>SARIF's levels by severity: what must be fixed is an error, what should be a warning, the rest a note.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>
    /// One vulnerability. Its findings may rate it differently (Debian rates per source package),
    /// so the rule takes the highest severity and score, and the first title and description given.
    /// </summary>
    private static void WriteRule(Utf8JsonWriter w, string id, List<Finding> findings)
    {
        var severity = findings.Max(f => f.Severity);
        var score = findings.Select(FindingText.CvssScore).Max();
        var title = findings.Select(f => f.Title).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
        var description = findings.Select(f => f.Description).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d));
        w.WriteStartObject();
        w.WriteString("id", id);
        WriteText(w, "shortDescription", title ?? id);
        WriteText(w, "fullDescription", description ?? title ?? id);
        if (VulnerabilitySource.For(id).Url is { } help)
        {
            w.WriteString("helpUri", help.AbsoluteUri);
        }

        w.WriteStartObject("defaultConfiguration");
        w.WriteString("level", Level(severity));
        w.WriteEndObject();
        w.WriteStartObject("properties");
        if (score is { } known)
        {
            w.WriteString("security-severity", FindingText.Score(known));
        }

        w.WriteStartArray("tags");
        w.WriteStringValue("vulnerability");
        w.WriteStringValue("security");
        w.WriteStringValue(SeverityNames.Name(severity));
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter w, Finding finding, int ruleIndex)
    {
        var package = finding.Package.Package;
        w.WriteStartObject();
        w.WriteString("ruleId", finding.Id);
        w.WriteNumber("ruleIndex", ruleIndex);
        w.WriteString("level", Level(finding.Severity));
        WriteText(w, "message", FindingText.Summary(finding));
        w.WriteStartArray("locations");
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", ImagePathUri.Relative(package.Location));
        w.WriteString("uriBaseId", ImageRoot);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("logicalLocations");
        w.WriteStartObject();
        w.WriteString("name", package.Name);
        w.WriteString("fullyQualifiedName", finding.Package.Purl);
        w.WriteString("kind", "package");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("partialFingerprints");
        w.WriteString(FingerprintName, Fingerprint(finding));
        w.WriteEndObject();
        WriteResultProperties(w, finding);
        w.WriteEndObject();
    }

    private static void WriteResultProperties(Utf8JsonWriter w, Finding finding)
    {
        var package = finding.Package.Package;
        w.WriteStartObject("properties");
        w.WriteString("purl", finding.Package.Purl);
        w.WriteString("packageType", package.Type);
        w.WriteString("installedVersion", package.Version);
        if (finding.FixedVersion is not null)
        {
            w.WriteString("fixedVersion", finding.FixedVersion);
        }

        w.WriteString("status", AffectedStatusNames.Name(finding.Status));
        w.WriteString("severity", SeverityNames.Name(finding.Severity));
        if (finding.Cvss is { } cvss)
        {
            w.WriteString("cvssVector", cvss.Vector);
            w.WriteString("cvssSource", cvss.Source);
        }

        if (FindingText.CvssScore(finding) is { } score)
        {
            w.WriteNumber("cvssScore", score);
        }

        WriteStrings(w, "aliases", finding.Aliases);
        if (finding.Epss is { } epss && double.IsFinite(epss.Score) && double.IsFinite(epss.Percentile))
        {
            w.WriteNumber("epssScore", epss.Score);
            w.WriteNumber("epssPercentile", epss.Percentile);
        }

        if (finding.Kev is { } kev)
        {
            w.WriteString("kevDateAdded", kev.DateAdded);
        }

        WriteStrings(w, "sources", finding.Sources);
        w.WriteEndObject();
    }

    private static void WriteInvocation(Utf8JsonWriter w, ScanReport report)
    {
        w.WriteStartArray("invocations");
        w.WriteStartObject();
        w.WriteBoolean("executionSuccessful", true);
        w.WriteString("endTimeUtc", report.ScannedAt.UtcDateTime); // UTC with "Z", the form of SARIF's date/time properties (3.9)
        if (report.Inventory.Gaps.Count > 0)
        {
            w.WriteStartArray("toolExecutionNotifications");
            foreach (var gap in report.Inventory.Gaps)
            {
                w.WriteStartObject();
                w.WriteString("level", "warning");
                WriteText(w, "message", $"Inventory gap: {gap.Where}: {gap.Reason}");
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>SHA-256 of the id, package type, name and location: stable across versions and rescans, opaque and of fixed length.</summary>
    private static string Fingerprint(Finding finding)
    {
        var package = finding.Package.Package;
        var identity = string.Join('\n', finding.Id, package.Type, package.Name, package.Location);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
    }

    private static void WriteText(Utf8JsonWriter w, string name, string text)
    {
        w.WriteStartObject(name);
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
