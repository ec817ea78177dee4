using System.Globalization;
using System.Xml;
using Snapsight.Compliance.Assessment;
using Snapsight.Compliance.Xccdf;

namespace Snapsight.Compliance.Reports;

/// <summary>
/// Writes an assessment as a stand-alone XCCDF 1.2 <c>TestResult</c> document (valid against
/// xccdf_1.2.xsd): the benchmark and profile it used, the target, the values in force, one
/// <c>rule-result</c> per rule with its check and, when there is one, the reason as a message, and
/// the default-model score. Tools that read OpenSCAP's results read its TestResult the same way.
/// </summary>
public static class XccdfResultWriter
{
    private const string Xccdf = "http://checklists.nist.gov/xccdf/1.2";

    public static void Write(Stream stream, ComplianceAssessment assessment, XccdfResultInfo info)
    {
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false), CloseOutput = false });
        xml.WriteStartDocument();
        xml.WriteStartElement("TestResult", Xccdf);
        xml.WriteAttributeString("id", "xccdf_org.snapsight_testresult_" + IdTail(assessment));
        xml.WriteAttributeString("start-time", Time(assessment.StartedAt));
        xml.WriteAttributeString("end-time", Time(assessment.FinishedAt));
        xml.WriteAttributeString("test-system", "cpe:/a:snapsight:snapsight:" + info.ToolVersion);
        xml.WriteAttributeString("version", assessment.Benchmark.Version);

        xml.WriteStartElement("benchmark", Xccdf);
        xml.WriteAttributeString("href", info.DataStreamName);
        xml.WriteAttributeString("id", assessment.Benchmark.Id);
        xml.WriteEndElement();
        xml.WriteElementString("title", Xccdf, $"Snapsight assessment of {info.Target} against {assessment.Benchmark.Title}");
        if (assessment.Profile is { } profile)
        {
            xml.WriteStartElement("profile", Xccdf);
            xml.WriteAttributeString("idref", profile.Id);
            xml.WriteEndElement();
        }

        xml.WriteElementString("target", Xccdf, info.Target);
        foreach (var (id, value) in assessment.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            xml.WriteStartElement("set-value", Xccdf);
            xml.WriteAttributeString("idref", id);
            xml.WriteString(value);
            xml.WriteEndElement();
        }

        foreach (var rule in assessment.Rules)
        {
            WriteRuleResult(xml, rule, assessment.FinishedAt);
        }

        xml.WriteStartElement("score", Xccdf);
        xml.WriteAttributeString("system", "urn:xccdf:scoring:default");
        xml.WriteAttributeString("maximum", "100");
        xml.WriteString(assessment.Score.ToString("0.######", CultureInfo.InvariantCulture));
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteRuleResult(XmlWriter xml, RuleOutcome outcome, DateTimeOffset time)
    {
        var rule = outcome.Rule;
        xml.WriteStartElement("rule-result", Xccdf);
        xml.WriteAttributeString("idref", rule.Id);
        // The schema allows these five; content that says anything else is written as unknown.
        xml.WriteAttributeString("severity", rule.Severity is "info" or "low" or "medium" or "high" ? rule.Severity : "unknown");

        xml.WriteAttributeString("time", Time(time));
        xml.WriteAttributeString("weight", rule.Weight.ToString("0.######", CultureInfo.InvariantCulture));
        xml.WriteElementString("result", Xccdf, RuleResultNames.Of(outcome.Result));
        if (outcome.Reason is { } reason)
        {
            xml.WriteStartElement("message", Xccdf);
            xml.WriteAttributeString("severity", outcome.Result is RuleResult.Error or RuleResult.Unknown ? "error" : "info");
            xml.WriteString(reason);
            xml.WriteEndElement();
        }

        foreach (var evidence in outcome.Evidence)
        {
            xml.WriteStartElement("message", Xccdf);
            xml.WriteAttributeString("severity", "info");
            xml.WriteString("evidence: " + evidence);
            xml.WriteEndElement();
        }

        if (outcome.Result != RuleResult.NotSelected && rule.Checks.FirstOrDefault(c => c.System == CheckSystems.Oval) is { } check)
        {
            xml.WriteStartElement("check", Xccdf);
            xml.WriteAttributeString("system", check.System);
            foreach (var reference in check.ContentRefs)
            {
                xml.WriteStartElement("check-content-ref", Xccdf);
                xml.WriteAttributeString("href", reference.Href);
                if (reference.Name is { } name)
                {
                    xml.WriteAttributeString("name", name);
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>The TestResult id's tail: the profile's own tail, or "default" for the benchmark's default selection (an NCName either way).</summary>
    private static string IdTail(ComplianceAssessment assessment) =>
        assessment.Profile?.Id.Split("_profile_") is [_, var tail] ? tail : "default";

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
