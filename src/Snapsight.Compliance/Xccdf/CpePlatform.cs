namespace Snapsight.Compliance.Xccdf;

/// <summary>
/// A platform of the benchmark's CPE applicability language specification (<c>cpe-lang:platform</c>):
/// an item whose <c>platform idref="#id"</c> names it applies where its logical test is true.
/// </summary>
public sealed record CpePlatform(string Id, CpeLogicalTest Test);

/// <summary>
/// A <c>cpe-lang:logical-test</c>: AND or OR over nested tests, CPE names (<see cref="FactRefs"/>,
/// true when the name's dictionary check is true) and direct checks (<see cref="CheckFactRefs"/>).
/// </summary>
public sealed record CpeLogicalTest(
    string Operator,
    bool Negate,
    IReadOnlyList<CpeLogicalTest> Tests,
    IReadOnlyList<string> FactRefs,
    IReadOnlyList<CheckContentRef> CheckFactRefs);
