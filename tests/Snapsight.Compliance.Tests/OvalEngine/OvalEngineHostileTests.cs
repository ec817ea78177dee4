using System.Text;
using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Disk.Tests.Support;
using static Snapsight.Compliance.Tests.OvalEngine.OvalEngineFixture;

namespace Snapsight.Compliance.Tests.OvalEngine;

/// <summary>
/// Content crafted to make the engine loop, recurse without end, grow without bound or
/// backtrack for ever: each must give an error result with a reason, within the hostile-input
/// bar (2 s, 256 MiB), and never throw.
/// </summary>
public sealed class OvalEngineHostileTests
{
    private static TestOutcome Evaluate(string objects, string variables = "", string states = "", string stateRefs = "", FakeProbe? probe = null)
    {
        DefinitionOutcome? outcome = null;
        Assert.Null(HostileInput.Run(async ct =>
            outcome = await Evaluator(Document("check=\"all\"", stateRefs, objects, states, variables), probe ?? new FakeProbe(Item("a", ("name", "a"))))
                .EvaluateAsync("def:1", ct)));
        return Assert.Single(outcome!.Tests);
    }

    private const string ByVariable = """<ind:fake_object id="obj:1" version="1"><ind:name var_ref="var:1"/></ind:fake_object>""";

    [Fact]
    public void A_variable_that_refers_to_itself_is_an_error()
    {
        // var:1 = concat(var:2), var:2 = concat("x", var:1).
        var test = Evaluate(ByVariable, """
            <local_variable id="var:1" version="1" datatype="string" comment="c"><concat><variable_component var_ref="var:2"/></concat></local_variable>
            <local_variable id="var:2" version="1" datatype="string" comment="c"><concat><literal_component>x</literal_component><variable_component var_ref="var:1"/></concat></local_variable>
            """);
        Assert.Equal(OvalResult.Error, test.Result);
        Assert.Contains("refers to itself", test.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_very_long_chain_of_variables_is_an_error()
    {
        // var:1 -> var:2 -> ... -> var:500: deeper than the engine follows.
        var variables = new StringBuilder();
        for (var i = 1; i < 500; i++)
        {
            variables.Append($"""<local_variable id="var:{i}" version="1" datatype="string" comment="c"><variable_component var_ref="var:{i + 1}"/></local_variable>""");
        }

        variables.Append("""<local_variable id="var:500" version="1" datatype="string" comment="c"><literal_component>a</literal_component></local_variable>""");
        var test = Evaluate(ByVariable, variables.ToString());
        Assert.Equal(OvalResult.Error, test.Result);
    }

    [Fact]
    public void Doubling_variables_hit_the_size_bound()
    {
        // var:i = concat(var:i+1, var:i+1): one value of 8 x 2^29 characters if nothing stopped it.
        var variables = new StringBuilder();
        for (var i = 1; i < 30; i++)
        {
            variables.Append($"""<local_variable id="var:{i}" version="1" datatype="string" comment="c"><concat><variable_component var_ref="var:{i + 1}"/><variable_component var_ref="var:{i + 1}"/></concat></local_variable>""");
        }

        variables.Append("""<local_variable id="var:30" version="1" datatype="string" comment="c"><literal_component>abcdefgh</literal_component></local_variable>""");
        var test = Evaluate(ByVariable, variables.ToString());
        Assert.Equal(OvalResult.Error, test.Result);
        Assert.Contains("characters", test.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cartesian_explosion_is_stopped_before_it_is_made()
    {
        // 100 values, concatenated with themselves three times: a million combinations.
        var values = string.Concat(Enumerable.Range(0, 100).Select(i => $"<value>{i}</value>"));
        var test = Evaluate(ByVariable, $"""
            <constant_variable id="var:many" version="1" datatype="string" comment="c">{values}</constant_variable>
            <local_variable id="var:1" version="1" datatype="string" comment="c"><concat><variable_component var_ref="var:many"/><variable_component var_ref="var:many"/><variable_component var_ref="var:many"/></concat></local_variable>
            """);
        Assert.Equal(OvalResult.Error, test.Result);
        Assert.Contains("more than", test.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_object_that_reaches_itself_through_a_variable_is_an_error()
    {
        var test = Evaluate(ByVariable, """<local_variable id="var:1" version="1" datatype="string" comment="c"><object_component object_ref="obj:1" item_field="name"/></local_variable>""");
        Assert.Equal(OvalResult.Error, test.Result);
    }

    [Fact]
    public void A_set_that_contains_itself_is_an_error()
    {
        var test = Evaluate("""<ind:fake_object id="obj:1" version="1"><set><object_reference>obj:1</object_reference></set></ind:fake_object>""");
        Assert.Equal(OvalResult.Error, test.Result);
    }

    [Fact]
    public void Catastrophic_backtracking_is_an_error_not_a_hang()
    {
        // (a+)+$ against many a's and a final mismatch backtracks exponentially; the match time limit ends it.
        var probe = new FakeProbe(Item("x", ("name", "a"), ("value", new string('a', 40) + "!")));
        var test = Evaluate(
            """<ind:fake_object id="obj:1" version="1"><ind:name>a</ind:name></ind:fake_object>""",
            states: """<ind:fake_state id="ste:1" version="1"><ind:value operation="pattern match">^(a+)+$</ind:value></ind:fake_state>""",
            stateRefs: """<ind:state state_ref="ste:1"/>""",
            probe: probe);
        Assert.Equal(OvalResult.Error, test.Result);
    }

    [Fact]
    public void A_definition_that_extends_itself_is_an_error()
    {
        DefinitionOutcome? outcome = null;
        var document = """
            <definitions><definition id="def:1" class="compliance" version="1"><criteria><extend_definition definition_ref="def:1" negate="true"/></criteria></definition></definitions>
            """;
        Assert.Null(HostileInput.Run(async ct => outcome = await Evaluator(document, new FakeProbe()).EvaluateAsync("def:1", ct)));
        Assert.Equal(OvalResult.Error, outcome!.Result);
    }

    [Fact]
    public void A_long_extend_definition_chain_is_an_error()
    {
        var definitions = new StringBuilder("<definitions>");
        for (var i = 1; i <= 300; i++)
        {
            definitions.Append($"""<definition id="def:{i}" class="compliance" version="1"><criteria><extend_definition definition_ref="def:{i + 1}"/></criteria></definition>""");
        }

        definitions.Append("</definitions>");
        DefinitionOutcome? outcome = null;
        Assert.Null(HostileInput.Run(async ct => outcome = await Evaluator(definitions.ToString(), new FakeProbe()).EvaluateAsync("def:1", ct)));
        Assert.Equal(OvalResult.Error, outcome!.Result);
    }

    [Fact]
    public void Many_tests_reached_many_times_stay_linear()
    {
        // def:2 reaches 50,000 tests (none defined: each an error); def:1 extends it 1,000 times.
        // Keeping each test once by scanning the list would be 10^11 comparisons.
        var definitions = new StringBuilder("<definitions><definition id=\"def:1\" class=\"compliance\" version=\"1\"><criteria operator=\"OR\">");
        definitions.Insert(definitions.Length, "<extend_definition definition_ref=\"def:2\"/>", 1000);
        definitions.Append("</criteria></definition><definition id=\"def:2\" class=\"compliance\" version=\"1\"><criteria operator=\"OR\">");
        for (var i = 0; i < 50_000; i++)
        {
            definitions.Append($"<criterion test_ref=\"tst:{i}\"/>");
        }

        definitions.Append("</criteria></definition></definitions>");
        DefinitionOutcome? outcome = null;
        Assert.Null(HostileInput.Run(async ct => outcome = await Evaluator(definitions.ToString(), new FakeProbe()).EvaluateAsync("def:1", ct)));
        Assert.Equal(50_000, outcome!.Tests.Count);
    }
}
