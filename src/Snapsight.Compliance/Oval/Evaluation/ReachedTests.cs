namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// The tests a definition's criteria reached, in the order first reached, each once. A set
/// beside the list keeps that linear, and an extended definition's tests are added once: crafted
/// content may reach one test, or extend one definition, hundreds of thousands of times.
/// </summary>
internal sealed class ReachedTests
{
    private readonly List<TestOutcome> _tests = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _extended = new(StringComparer.Ordinal);

    public IReadOnlyList<TestOutcome> All => _tests;

    public void Add(TestOutcome test)
    {
        if (_ids.Add(test.TestId))
        {
            _tests.Add(test);
        }
    }

    /// <summary>Adds the tests an extended definition reached, once per definition however often it is extended.</summary>
    public void AddFrom(DefinitionOutcome extended)
    {
        if (!_extended.Add(extended.DefinitionId))
        {
            return;
        }

        foreach (var test in extended.Tests)
        {
            Add(test);
        }
    }
}
