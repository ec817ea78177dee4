using Snapsight.Compliance.DataStreams;
using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Compliance.Xccdf;

namespace Snapsight.Compliance.Assessment;

/// <summary>
/// Whether an item applies to the target: true when it names no platform or when any platform it
/// names holds (XCCDF 1.2, 7.2.3.1). A platform is a CPE name, true when the CPE dictionary's OVAL
/// check is true, or <c>#id</c>, a CPE applicability language platform whose logical test is
/// worked out over such names and direct checks. A check that cannot be answered counts as not
/// holding, as OpenSCAP counts it. Each platform is worked out once.
/// </summary>
internal sealed class PlatformApplicability(DataStreamCollection content, Func<string, OvalEvaluator?> evaluatorFor)
{
    private readonly Dictionary<string, bool> _known = new(StringComparer.Ordinal);

    public async Task<bool> AppliesAsync(IReadOnlyList<string> platforms, CancellationToken cancellationToken)
    {
        if (platforms.Count == 0)
        {
            return true;
        }

        foreach (var platform in platforms)
        {
            if (await HoldsAsync(platform, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<bool> HoldsAsync(string platform, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(platform, out var known))
        {
            return known;
        }

        var holds = platform.StartsWith('#')
            ? content.Benchmark.PlatformSpecifications.TryGetValue(platform[1..], out var specification)
                && await LogicalTestAsync(specification.Test, cancellationToken).ConfigureAwait(false)
            : await CpeNameAsync(platform, cancellationToken).ConfigureAwait(false);
        _known[platform] = holds;
        return holds;
    }

    private async Task<bool> CpeNameAsync(string name, CancellationToken cancellationToken) =>
        content.CpeChecks.TryGetValue(name, out var check) && await CheckAsync(check, cancellationToken).ConfigureAwait(false);

    private async Task<bool> CheckAsync(CheckContentRef check, CancellationToken cancellationToken) =>
        check.Name is { } definition
        && evaluatorFor(check.Href) is { } evaluator
        && (await evaluator.EvaluateAsync(definition, cancellationToken).ConfigureAwait(false)).Result == OvalResult.True;

    /// <summary>AND or OR over the nested tests, names and checks, then negated when asked; nesting is bounded by the reader's depth limit.</summary>
    private async Task<bool> LogicalTestAsync(CpeLogicalTest test, CancellationToken cancellationToken)
    {
        var parts = new List<bool>();
        foreach (var nested in test.Tests)
        {
            parts.Add(await LogicalTestAsync(nested, cancellationToken).ConfigureAwait(false));
        }

        // A fact-ref is a CPE name, never a platform: "#p" there names nothing, so no platform can reach itself.
        foreach (var name in test.FactRefs)
        {
            parts.Add(await CpeNameAsync(name, cancellationToken).ConfigureAwait(false));
        }

        foreach (var check in test.CheckFactRefs)
        {
            parts.Add(await CheckAsync(check, cancellationToken).ConfigureAwait(false));
        }

        var value = string.Equals(test.Operator, "OR", StringComparison.OrdinalIgnoreCase) ? parts.Exists(p => p) : parts.TrueForAll(p => p);
        return value != test.Negate;
    }
}
