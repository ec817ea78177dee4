using Snapsight.Compliance.DataStreams;
using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// A SCAP source data stream read, then every OVAL definition in it evaluated against an empty
/// file tree with the registered probes and every external variable given one value: content
/// may be refused as a format error, and every definition must come back with a result (errors
/// included), never an exception, a hang or unbounded growth.
/// </summary>
public sealed class OvalEvaluationFuzzTarget : IFuzzTarget
{
    private const int MaxDefinitions = 500;

    public string Name => "oval-evaluation";

    public void Run(ReadOnlySpan<byte> input)
    {
        var collection = ScapDataStreamReader.Read(new MemoryStream(input.ToArray()));
        foreach (var oval in collection.OvalByHref.Values)
        {
            var external = oval.Variables.Values.Where(v => v.Kind == "external").ToDictionary(v => v.Id, v => (IReadOnlyList<string>)["1"]);
            var evaluator = new OvalEvaluator(oval, new ProbeContext(FileTree.Empty()), external);
            foreach (var id in oval.Definitions.Keys.Take(MaxDefinitions))
            {
                _ = evaluator.EvaluateAsync(id, CancellationToken.None).GetAwaiter().GetResult();
            }
        }
    }
}
