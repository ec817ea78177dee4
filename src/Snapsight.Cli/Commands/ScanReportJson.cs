using System.Globalization;
using System.Text.Json;
using Snapsight.Advisories.Matching;
using Snapsight.Advisories.Model;
using Snapsight.Advisories.Store;
using Snapsight.Scanning;

namespace Snapsight.Cli.Commands;

/// <summary>The <c>scan image --format json</c> document: the inventory's fields, then vulnerabilities, remediations, the database build record (CONTRACTS.md) and, with <c>--compliance</c>, the compliance assessment.</summary>
internal static class ScanReportJson
{
    public static void Write(Stream output, ScanResult result)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JsonOutput.Encoder });
        w.WriteStartObject();
        InventoryReportJson.WriteFields(w, result.Target, result.Inventory, result.Elapsed, result.MatchGaps);
        w.WriteStartArray("vulnerabilities");
        foreach (var finding in result.Findings)
        {
            WriteFinding(w, finding);
        }

        w.WriteEndArray();
        w.WriteStartArray("remediations");
        foreach (var remediation in result.Remediations)
        {
            w.WriteStartObject();
            w.WriteString("package", remediation.Package.Package.Name);
            w.WriteString("type", remediation.Package.Package.Type);
            w.WriteString("installedVersion", remediation.Package.Package.Version);
            w.WriteString("fixedVersion", remediation.FixedVersion);
            w.WriteNumber("fixes", remediation.Fixes);
            w.WriteNumber("unfixed", remediation.Unfixed);
            w.WriteString("command", remediation.Command);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteDatabase(w, result.Database ?? throw new InvalidOperationException("scan image always matches against a database"));
        if (result.Compliance is { } compliance)
        {
            w.WriteStartObject("compliance");
            ComplianceReportJson.WriteAssessment(w, compliance);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteFinding(Utf8JsonWriter w, Finding finding)
    {
        var package = finding.Package.Package;
        w.WriteStartObject();
        w.WriteString("id", finding.Id);
        w.WriteStartArray("aliases");
        foreach (var alias in finding.Aliases)
        {
            w.WriteStringValue(alias);
        }

        w.WriteEndArray();
        w.WriteStartObject("package");
        w.WriteString("name", package.Name);
        w.WriteString("version", package.Version);
        w.WriteString("type", package.Type);
        w.WriteString("sourceName", package.SourceName);
        w.WriteString("purl", finding.Package.Purl);
        w.WriteString("location", package.Location);
        w.WriteEndObject();
        w.WriteString("fixedVersion", finding.FixedVersion);
        w.WriteString("status", AffectedStatusNames.Name(finding.Status));
        w.WriteString("severity", SeverityNames.Name(finding.Severity));
        w.WriteString("severitySource", finding.SeveritySource);
        if (finding.Cvss is { } cvss)
        {
            w.WriteStartObject("cvss");
            w.WriteString("vector", cvss.Vector);
            if (cvss.Score is { } score)
            {
                w.WriteNumber("score", score);
            }
            else
            {
                w.WriteNull("score");
            }

            w.WriteString("source", cvss.Source);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("cvss");
        }

        if (finding.Epss is { } epss)
        {
            w.WriteStartObject("epss");
            w.WriteNumber("score", epss.Score);
            w.WriteNumber("percentile", epss.Percentile);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("epss");
        }

        if (finding.Kev is { } kev)
        {
            w.WriteStartObject("kev");
            w.WriteString("dateAdded", kev.DateAdded);
            w.WriteString("dueDate", kev.DueDate);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("kev");
        }

        w.WriteString("title", finding.Title);
        w.WriteString("source", string.Join(", ", finding.Sources));
        w.WriteEndObject();
    }

    public static void WriteDatabase(Utf8JsonWriter w, StoreBuildRecord database)
    {
        w.WriteStartObject("database");
        w.WriteNumber("schemaVersion", database.SchemaVersion);
        w.WriteString("builtAt", database.BuiltAt.ToString("O", CultureInfo.InvariantCulture));
        w.WriteStartArray("feeds");
        foreach (var feed in database.Feeds)
        {
            w.WriteStartObject();
            w.WriteString("format", feed.Format);
            w.WriteString("source", feed.Source);
            w.WriteString("fetchedAt", feed.FetchedAt.ToString("O", CultureInfo.InvariantCulture));
            w.WriteNumber("records", feed.Records);
            w.WriteString("sha256", feed.Sha256);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
