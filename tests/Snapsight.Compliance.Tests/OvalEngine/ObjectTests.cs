using Snapsight.Compliance.Oval.Evaluation;
using static Snapsight.Compliance.Tests.OvalEngine.OvalEngineFixture;

namespace Snapsight.Compliance.Tests.OvalEngine;

/// <summary>
/// Objects (OVAL 5.11 specification, "Object Evaluation"): entities resolved for the probe,
/// set operators over object references, filters, and the objects a file tree cannot answer.
/// The evidence of an existence-only test lists every item, so it shows what was collected.
/// </summary>
public sealed class ObjectTests
{
    private const string Parts = """
        <ind:fake_object id="obj:ab" version="1"><ind:name operation="pattern match">^[ab]$</ind:name></ind:fake_object>
        <ind:fake_object id="obj:bc" version="1"><ind:name operation="pattern match">^[bc]$</ind:name></ind:fake_object>
        """;

    private const string YesState = """<ind:fake_state id="ste:yes" version="1"><ind:value>yes</ind:value></ind:fake_state>""";

    private static async Task<TestOutcome> CollectAsync(string objects, FakeProbe probe, string states = YesState, string variables = "")
    {
        var outcome = await EvaluateAsync(Document("check=\"all\"", "", objects, states, variables), probe);
        return Assert.Single(outcome.Tests);
    }

    [Theory]
    // UNION: items of either operand, once each.
    [InlineData("UNION", "a b c")]
    // INTERSECTION: items of both.
    [InlineData("INTERSECTION", "b")]
    // COMPLEMENT: items of the first that are not in the second.
    [InlineData("COMPLEMENT", "a")]
    public async Task Set_operators_combine_the_referenced_objects(string setOperator, string expected)
    {
        var objects = Parts + $"""
            <ind:fake_object id="obj:1" version="1"><set set_operator="{setOperator}"><object_reference>obj:ab</object_reference><object_reference>obj:bc</object_reference></set></ind:fake_object>
            """;
        var test = await CollectAsync(objects, new FakeProbe(ThreeItemsArray));
        Assert.Equal(expected.Split(' '), test.Evidence);
    }

    [Fact]
    public async Task Nested_sets_and_filters_inside_a_set_apply()
    {
        // (ab minus those with value yes) union (bc intersect bc) = b, then c.
        var objects = Parts + """
            <ind:fake_object id="obj:1" version="1">
              <set set_operator="UNION">
                <set><object_reference>obj:ab</object_reference><filter action="exclude">ste:yes</filter></set>
                <set set_operator="INTERSECTION"><object_reference>obj:bc</object_reference><object_reference>obj:bc</object_reference></set>
              </set>
            </ind:fake_object>
            """;
        var test = await CollectAsync(objects, new FakeProbe(ThreeItemsArray));
        Assert.Equal(["b", "c"], test.Evidence);
    }

    [Theory]
    // exclude drops the items that satisfy the state; include keeps only them.
    [InlineData("exclude", "b")]
    [InlineData("include", "a c")]
    public async Task Filters_keep_or_drop_the_items_that_satisfy_their_state(string action, string expected)
    {
        var objects = $"""<ind:fake_object id="obj:1" version="1"><ind:name operation="pattern match">.</ind:name><filter action="{action}">ste:yes</filter></ind:fake_object>""";
        var test = await CollectAsync(objects, new FakeProbe(ThreeItemsArray));
        Assert.Equal(expected.Split(' '), test.Evidence);
    }

    [Theory]
    // A state the items cannot be compared with (value "yes" as an int) decides nothing: every item stays.
    [InlineData("exclude", "int", "value", "a b c")]
    [InlineData("include", "int", "value", "a b c")]
    // A state entity the items lack counts false in a filter: include drops them all, exclude none.
    [InlineData("include", "string", "mode", "")]
    [InlineData("exclude", "string", "mode", "a b c")]
    public async Task Filters_drop_only_what_their_state_decides(string action, string datatype, string entity, string expected)
    {
        var states = $"""<ind:fake_state id="ste:odd" version="1"><ind:{entity} datatype="{datatype}">1</ind:{entity}></ind:fake_state>""";
        var objects = $"""<ind:fake_object id="obj:1" version="1"><ind:name operation="pattern match">.</ind:name><filter action="{action}">ste:odd</filter></ind:fake_object>""";
        var outcome = await EvaluateAsync(Document("check=\"all\" check_existence=\"any_exist\"", "", objects, states), new FakeProbe(ThreeItemsArray));
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), outcome.Tests[0].Evidence);
    }

    [Fact]
    public async Task A_set_with_an_operand_in_error_is_an_error()
    {
        var objects = """<ind:fake_object id="obj:1" version="1"><set><object_reference>obj:none</object_reference></set></ind:fake_object>""";
        var test = await CollectAsync(objects, new FakeProbe(ThreeItemsArray));
        Assert.Equal(OvalResult.Error, test.Result);
        Assert.Contains("obj:none", test.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entities_reach_the_probe_resolved()
    {
        // The var_ref's two values, the operation and datatype, xsi:nil, and the behaviors.
        var objects = """
            <ind:fake_object id="obj:1" version="1">
              <ind:behaviors max_depth="2" recurse_direction="down"/>
              <ind:name operation="not equal" var_ref="var:1"/>
              <ind:value xsi:nil="true"/>
            </ind:fake_object>
            """;
        var variables = """<constant_variable id="var:1" version="1" datatype="string" comment="c"><value>a</value><value>b</value></constant_variable>""";
        var probe = new FakeProbe(ThreeItemsArray);
        await CollectAsync(objects, probe, variables: variables);
        var request = Assert.Single(probe.Requests);
        Assert.Equal("obj:1", request.ObjectId);
        Assert.Equal("not equal", request.Entities["name"].Operation);
        Assert.Equal("string", request.Entities["name"].Datatype);
        Assert.Equal(["a", "b"], request.Entities["name"].Values);
        Assert.True(request.Entities["value"].IsNil);
        Assert.Equal("2", request.Behavior("max_depth"));
        Assert.Equal("down", request.Behavior("recurse_direction"));
    }

    [Fact]
    public async Task A_variable_without_values_selects_nothing_without_asking_the_probe()
    {
        // var:1 takes the values of obj:none's items, and obj:none has none.
        var objects = """
            <ind:fake_object id="obj:1" version="1"><ind:name var_ref="var:1"/></ind:fake_object>
            <ind:fake_object id="obj:none" version="1"><ind:name>zzz</ind:name></ind:fake_object>
            """;
        var variables = """<local_variable id="var:1" version="1" datatype="string" comment="c"><object_component object_ref="obj:none" item_field="value"/></local_variable>""";
        var probe = new FakeProbe(ThreeItemsArray);
        var outcome = await EvaluateAsync(Document("", "", objects, "", variables), probe);
        Assert.Equal(OvalResult.False, outcome.Result);
        Assert.Equal(["obj:none"], probe.Requests.Select(r => r.ObjectId));
    }

    [Fact]
    public async Task Objects_a_file_tree_cannot_answer_are_not_evaluated_with_the_reason()
    {
        var document = $"""
            <definitions><definition id="def:1" class="compliance" version="1"><criteria operator="OR"><criterion test_ref="test:1"/><criterion test_ref="test:2"/></criteria></definition></definitions>
            <tests>
              <ind:fake_test id="test:1" version="1" check="all"><ind:object object_ref="obj:1"/></ind:fake_test>
              <ind:fake_test id="test:2" version="1" check="all"><ind:object object_ref="obj:2"/></ind:fake_test>
            </tests>
            <objects>
              <sysctl_object xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5#unix" id="obj:1" version="1"><name>kernel.randomize_va_space</name></sysctl_object>
              <ind:other_object id="obj:2" version="1"/>
            </objects>
            """;
        var outcome = await EvaluateAsync(document, new FakeProbe());
        Assert.Equal(OvalResult.NotEvaluated, outcome.Result);
        Assert.Equal("needs a running system", outcome.Tests[0].Reason);
        Assert.Equal("object type other_object is not supported", outcome.Tests[1].Reason);
        Assert.All(outcome.Tests, t => Assert.Equal(OvalResult.NotEvaluated, t.Result));
        Assert.Equal("needs a running system", outcome.Reason);
    }

    [Fact]
    public async Task A_probe_that_throws_fails_its_object_only()
    {
        var test = await CollectAsync("""<ind:fake_object id="obj:1" version="1"><ind:name>a</ind:name></ind:fake_object>""", new FakeProbe { Throws = true });
        Assert.Equal(OvalResult.Error, test.Result);
        Assert.Contains("probe failed", test.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_object_shared_by_tests_and_definitions_is_collected_once()
    {
        var document = """
            <definitions>
              <definition id="def:1" class="compliance" version="1"><criteria><criterion test_ref="test:1"/><criterion test_ref="test:2"/></criteria></definition>
              <definition id="def:2" class="compliance" version="1"><criteria><criterion test_ref="test:2"/></criteria></definition>
            </definitions>
            <tests>
              <ind:fake_test id="test:1" version="1" check="all"><ind:object object_ref="obj:1"/></ind:fake_test>
              <ind:fake_test id="test:2" version="1" check="all" check_existence="none_exist"><ind:object object_ref="obj:1"/></ind:fake_test>
            </tests>
            <objects><ind:fake_object id="obj:1" version="1"><ind:name>a</ind:name></ind:fake_object></objects>
            """;
        var probe = new FakeProbe(ThreeItemsArray);
        var evaluator = Evaluator(document, probe);
        var first = await evaluator.EvaluateAsync("def:1", CancellationToken.None);
        var second = await evaluator.EvaluateAsync("def:2", CancellationToken.None);
        Assert.Equal(OvalResult.False, first.Result);
        Assert.Equal(OvalResult.False, second.Result);
        Assert.Equal(1, probe.Calls);
    }

    [Fact]
    public async Task Overlapping_calls_run_in_turn_and_share_the_cache()
    {
        var document = Document("check=\"all\"", "", """<ind:fake_object id="obj:1" version="1"><ind:name>a</ind:name></ind:fake_object>""");
        var probe = new FakeProbe(ThreeItemsArray);
        var evaluator = Evaluator(document, probe);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => evaluator.EvaluateAsync("def:1", CancellationToken.None))));
        Assert.All(outcomes, o => Assert.Equal(OvalResult.True, o.Result));
        Assert.Equal(1, probe.Calls);
    }

    private static OvalItem[] ThreeItemsArray =>
    [
        Item("a", ("name", "a"), ("value", "yes")),
        Item("b", ("name", "b"), ("value", "no")),
        Item("c", ("name", "c"), ("value", "yes")),
    ];
}
