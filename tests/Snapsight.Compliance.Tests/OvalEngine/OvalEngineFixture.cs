using System.Xml;
using Snapsight.Compliance.DataStreams;
using Snapsight.Compliance.Oval;
using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Compliance.Tests.OvalEngine;

/// <summary>
/// Small OVAL documents for the engine's tests: the content written as OVAL 5.11 XML (read by
/// the real reader and mapper), a fake probe of type <c>fake_object</c> (independent) that
/// selects from a fixed list of items by the object's entities, and the evaluator wired to it.
/// </summary>
internal static class OvalEngineFixture
{
    public const string Independent = "http://oval.mitre.org/XMLSchema/oval-definitions-5#independent";

    /// <summary>An oval_definitions document around the given sections (definitions, tests, objects, states, variables).</summary>
    public static OvalDefinitions Parse(string sections)
    {
        var xml = $"""
            <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5" xmlns:ind="{Independent}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            {sections}
            </oval_definitions>
            """;
        return ParseDocument(xml);
    }

    /// <summary>A whole oval_definitions document.</summary>
    public static OvalDefinitions ParseDocument(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { IgnoreWhitespace = true, IgnoreComments = true, DtdProcessing = DtdProcessing.Prohibit });
        reader.MoveToContent();
        return OvalMapper.Map(new ElementTreeReader(reader).Read());
    }

    public static OvalItem Item(string evidence, params (string Name, string Value)[] entities) =>
        new(entities.GroupBy(e => e.Name).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(e => e.Value)]), evidence);

    public static OvalEvaluator Evaluator(string sections, FakeProbe probe, IReadOnlyDictionary<string, IReadOnlyList<string>>? external = null) =>
        new(Parse(sections), new ProbeContext(FileTree.Empty()), external ?? new Dictionary<string, IReadOnlyList<string>>(), type => type == FakeProbe.Type ? probe : null);

    public static Task<DefinitionOutcome> EvaluateAsync(string sections, FakeProbe probe, string definitionId = "def:1", IReadOnlyDictionary<string, IReadOnlyList<string>>? external = null) =>
        Evaluator(sections, probe, external).EvaluateAsync(definitionId, CancellationToken.None);

    /// <summary>A definition with one criterion on test:1.</summary>
    public const string OneCriterion = """
        <definitions><definition id="def:1" class="compliance" version="1"><criteria><criterion test_ref="test:1"/></criteria></definition></definitions>
        """;

    /// <summary>One definition over test:1 of fake_object obj:1 with the given test attributes and state references, plus the objects, states and variables given.</summary>
    public static string Document(string testAttributes, string stateRefs, string objects, string states = "", string variables = "") => $"""
        {OneCriterion}
        <tests><ind:fake_test id="test:1" version="1" {testAttributes}><ind:object object_ref="obj:1"/>{stateRefs}</ind:fake_test></tests>
        <objects>{objects}</objects>
        {(states.Length > 0 ? $"<states>{states}</states>" : "")}
        {(variables.Length > 0 ? $"<variables>{variables}</variables>" : "")}
        """;
}

/// <summary>A probe for tests: it returns the items whose entities match every non-nil entity of the request, and counts its calls.</summary>
internal sealed class FakeProbe(params OvalItem[] items) : IOvalProbe
{
    public static readonly OvalTypeName Type = new("fake_object", "independent");

    public OvalTypeName ObjectType => Type;

    public int Calls { get; private set; }

    public List<ProbeRequest> Requests { get; } = [];

    /// <summary>When set, what every collection answers instead of the selection.</summary>
    public CollectedObject? Answer { get; init; }

    /// <summary>When set, every collection throws, as a faulty probe would.</summary>
    public bool Throws { get; init; }

    public Task<CollectedObject> CollectAsync(ProbeRequest request, ProbeContext context, CancellationToken cancellationToken)
    {
        Calls++;
        if (Throws)
        {
            throw new InvalidDataException("a bug in the probe");
        }

        Requests.Add(request);
        return Task.FromResult(Answer ?? CollectedObject.Found(
            [.. items.Where(item => request.Entities.Values.All(e => e.IsNil || item.Values(e.Name).Any(e.Matches)))]));
    }
}
