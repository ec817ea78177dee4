using System.Diagnostics;
using Snapsight.Compliance.DataStreams;
using Snapsight.Compliance.Oval;
using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Compliance.Tests.OvalEngine;

/// <summary>
/// Every definition of the Debian Security Guide data streams (ssg-debian, scripts/install-deps)
/// evaluates without an exception, in bounded time, and never stops on a construct of the
/// language the engine does not know: with a probe for every object type that finds one item
/// echoing the object's values, any error left comes from the content meeting that fake world
/// (a state entity the echo lacks), never from an unknown function, operator, check or datatype.
/// </summary>
public sealed class SecurityGuideEvaluationTests
{
    private const string ContentDirectory = "/usr/share/xml/scap/ssg/content";

    public static TheoryData<string> Files => new(
        Directory.Exists(ContentDirectory) ? Directory.GetFiles(ContentDirectory, "ssg-debian*-ds.xml").Order(StringComparer.Ordinal) : []);

    private static readonly string[] EngineGaps =
    [
        "is not supported", "unknown check", "unknown criteria operator", "set_operator", "filter action", "arithmetic_operation", "no test", "no state", "no variable", "no such object",
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_definition_evaluates_and_every_construct_is_understood(string file)
    {
        DataStreamCollection collection;
        await using (var stream = File.OpenRead(file))
        {
            collection = ScapDataStreamReader.Read(stream);
        }

        var clock = Stopwatch.StartNew();
        var outcomes = new List<DefinitionOutcome>();
        foreach (var oval in collection.OvalByHref.Values)
        {
            var external = oval.Variables.Values.Where(v => v.Kind == "external")
                .ToDictionary(v => v.Id, v => (IReadOnlyList<string>)[v.Datatype == "int" ? "1" : v.Datatype == "boolean" ? "true" : "x"]);
            var evaluator = new OvalEvaluator(oval, new ProbeContext(FileTree.Empty()), external, type => new EchoProbe(type));
            foreach (var id in oval.Definitions.Keys)
            {
                outcomes.Add(await evaluator.EvaluateAsync(id, CancellationToken.None));
            }
        }

        Assert.True(outcomes.Count > 400, $"only {outcomes.Count} definitions");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        var reasons = outcomes.SelectMany(o => o.Tests).Select(t => t.Reason).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var gaps = reasons.Where(r => EngineGaps.Any(g => r.Contains(g, StringComparison.Ordinal))).ToList();
        Assert.True(gaps.Count == 0, string.Join('\n', gaps));
        Assert.Contains(outcomes, o => o.Result == OvalResult.True);
        Assert.Contains(outcomes, o => o.Result == OvalResult.False);
    }

    /// <summary>Finds one item per object, whose entities are the object's first values (nil ones left out).</summary>
    private sealed class EchoProbe(OvalTypeName type) : IOvalProbe
    {
        public OvalTypeName ObjectType => type;

        public Task<CollectedObject> CollectAsync(ProbeRequest request, ProbeContext context, CancellationToken cancellationToken) =>
            Task.FromResult(CollectedObject.Found(
            [
                new OvalItem(
                    request.Entities.Values.Where(e => !e.IsNil && e.Values.Count > 0).ToDictionary(e => e.Name, e => (IReadOnlyList<string>)[e.Values[0]]),
                    $"echo {request.ObjectId}"),
            ]));
    }
}
