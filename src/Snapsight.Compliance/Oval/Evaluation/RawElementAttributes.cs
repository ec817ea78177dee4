using Snapsight.Compliance.DataStreams;

namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>Attributes the evaluator cannot do without: missing, the thing being evaluated is an error, not the whole document.</summary>
internal static class RawElementAttributes
{
    public static string Needed(this RawElement element, string name) =>
        element.Attribute(name) ?? throw new OvalEvaluationException($"{element.Name} (line {element.Line}) has no {name}");
}
