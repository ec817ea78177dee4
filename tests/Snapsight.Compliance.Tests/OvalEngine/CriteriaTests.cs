using Snapsight.Compliance.Oval.Evaluation;
using static Snapsight.Compliance.Tests.OvalEngine.OvalEngineFixture;

namespace Snapsight.Compliance.Tests.OvalEngine;

/// <summary>
/// Definitions and criteria (OVAL 5.11 specification, "Definition Evaluation"): operators over
/// criterion and extend_definition results, negate, and the tests a definition reached.
/// test:t is true (its object has an item), test:f false (none_exist on the same object).
/// </summary>
public sealed class CriteriaTests
{
    private static string Document(string definitions) => $"""
        <definitions>{definitions}</definitions>
        <tests>
          <ind:fake_test id="test:t" version="1" check="all"><ind:object object_ref="obj:1"/></ind:fake_test>
          <ind:fake_test id="test:f" version="1" check="all" check_existence="none_exist"><ind:object object_ref="obj:1"/></ind:fake_test>
          <ind:fake_test id="test:ne" version="1" check="all"><ind:object object_ref="obj:ne"/></ind:fake_test>
        </tests>
        <objects>
          <ind:fake_object id="obj:1" version="1"><ind:name>a</ind:name></ind:fake_object>
          <ind:other_object id="obj:ne" version="1"/>
        </objects>
        """;

    private static FakeProbe Probe() => new(Item("/etc/a:1", ("name", "a")));

    private static Task<DefinitionOutcome> RunAsync(string definitions, string id = "def:1") => EvaluateAsync(Document(definitions), Probe(), id);

    [Theory]
    [InlineData("AND", "false", "T")]
    [InlineData("OR", "false", "T")]
    // ONE: exactly one true child (test:t; test:f is false).
    [InlineData("ONE", "false", "T")]
    [InlineData("XOR", "false", "T")]
    // negate on the criteria turns the true into false.
    [InlineData("OR", "true", "F")]
    public async Task Criteria_operators_and_negate_apply(string @operator, string negate, string expected)
    {
        var second = @operator == "AND" ? "test:t" : "test:f";
        var outcome = await RunAsync($"""
            <definition id="def:1" class="compliance" version="1"><criteria operator="{@operator}" negate="{negate}"><criterion test_ref="test:t"/><criterion test_ref="{second}"/></criteria></definition>
            """);
        Assert.Equal(ResultCodes.Of(expected), outcome.Result);
    }

    [Fact]
    public async Task A_negated_criterion_and_nested_criteria_apply()
    {
        // AND(true, NOT false, OR(false, true)) = true.
        var outcome = await RunAsync("""
            <definition id="def:1" class="compliance" version="1"><criteria>
              <criterion test_ref="test:t"/><criterion test_ref="test:f" negate="true"/>
              <criteria operator="OR"><criterion test_ref="test:f"/><criterion test_ref="test:t"/></criteria>
            </criteria></definition>
            """);
        Assert.Equal(OvalResult.True, outcome.Result);
        Assert.Equal(["test:t", "test:f"], outcome.Tests.Select(t => t.TestId));
    }

    [Fact]
    public async Task Extend_definition_takes_the_other_definitions_result_and_tests()
    {
        // def:2 is false; def:1 = NOT def:2 AND test:t = true, and reached test:f through def:2.
        var outcome = await RunAsync("""
            <definition id="def:1" class="compliance" version="1"><criteria><extend_definition definition_ref="def:2" negate="true"/><criterion test_ref="test:t"/></criteria></definition>
            <definition id="def:2" class="compliance" version="1"><criteria><criterion test_ref="test:f"/></criteria></definition>
            """);
        Assert.Equal(OvalResult.True, outcome.Result);
        Assert.Equal(["test:f", "test:t"], outcome.Tests.Select(t => t.TestId));
    }

    [Fact]
    public async Task Undecided_results_carry_their_reason_up()
    {
        // AND(true, not evaluated) is not evaluated, and says why.
        var outcome = await RunAsync("""
            <definition id="def:1" class="compliance" version="1"><criteria><criterion test_ref="test:t"/><criterion test_ref="test:ne"/></criteria></definition>
            """);
        Assert.Equal(OvalResult.NotEvaluated, outcome.Result);
        Assert.Equal("object type other_object is not supported", outcome.Reason);
    }

    [Fact]
    public async Task Missing_references_are_errors_with_the_reason()
    {
        var outcome = await RunAsync("""
            <definition id="def:1" class="compliance" version="1"><criteria><criterion test_ref="test:missing"/></criteria></definition>
            """);
        Assert.Equal(OvalResult.Error, outcome.Result);
        Assert.Equal("no test test:missing", outcome.Reason);

        var missing = await RunAsync("", "def:nowhere");
        Assert.Equal(OvalResult.Error, missing.Result);
    }

    [Fact]
    public async Task An_extend_definition_cycle_is_an_error()
    {
        var outcome = await RunAsync("""
            <definition id="def:1" class="compliance" version="1"><criteria><extend_definition definition_ref="def:2"/></criteria></definition>
            <definition id="def:2" class="compliance" version="1"><criteria><criterion test_ref="test:t"/><extend_definition definition_ref="def:1"/></criteria></definition>
            """);
        Assert.Equal(OvalResult.Error, outcome.Result);
        Assert.Contains("cycle", outcome.Reason, StringComparison.Ordinal);
    }
}
