using System.Text.Json;
using Snapsight.Compliance.Assessment;
using Snapsight.Scanning;

namespace Snapsight.Cli.Commands;

/// <summary>
/// The <c>compliance --format json</c> document: target, system, content, benchmark, profile,
/// score, counts by result, and each selected rule with its result, reason and evidence.
/// </summary>
internal static class ComplianceReportJson
{
    public static void Write(Stream output, ComplianceReport report)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JsonOutput.Encoder });
        w.WriteStartObject();
        w.WriteString("target", report.Target);
        InventoryReportJson.WriteOs(w, report.Os);
        WriteAssessment(w, report);
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>The assessment's fields into an open object: <c>scan image --compliance</c> writes them as its <c>compliance</c> object.</summary>
    public static void WriteAssessment(Utf8JsonWriter w, ComplianceReport report)
    {
        var assessment = report.Assessment;
        w.WriteString("datastream", report.DataStream);
        w.WriteStartObject("benchmark");
        w.WriteString("id", assessment.Benchmark.Id);
        w.WriteString("title", assessment.Benchmark.Title);
        w.WriteString("version", assessment.Benchmark.Version);
        w.WriteEndObject();
        if (assessment.Profile is { } profile)
        {
            w.WriteStartObject("profile");
            w.WriteString("id", profile.Id);
            w.WriteString("title", profile.Title);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("profile");
        }

        w.WriteNumber("score", Math.Round(assessment.Score, 2));
        w.WriteString("scoreSystem", "urn:xccdf:scoring:default");
        w.WriteString("startedAt", assessment.StartedAt);
        w.WriteString("finishedAt", assessment.FinishedAt);
        w.WriteStartObject("counts");
        foreach (var result in Enum.GetValues<RuleResult>().Where(r => r != RuleResult.NotSelected))
        {
            w.WriteNumber(RuleResultNames.Of(result), assessment.Count(result));
        }

        w.WriteEndObject();
        w.WriteStartArray("rules");
        foreach (var outcome in assessment.Selected)
        {
            w.WriteStartObject();
            w.WriteString("id", outcome.Rule.Id);
            w.WriteString("title", outcome.Rule.Title);
            w.WriteString("severity", outcome.Rule.Severity);
            w.WriteString("result", RuleResultNames.Of(outcome.Result));
            w.WriteString("reason", outcome.Reason);
            w.WriteStartArray("evidence");
            foreach (var evidence in outcome.Evidence)
            {
                w.WriteStringValue(evidence);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
