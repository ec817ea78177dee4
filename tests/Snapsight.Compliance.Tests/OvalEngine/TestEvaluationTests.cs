using Snapsight.Compliance.Oval.Evaluation;
using static Snapsight.Compliance.Tests.OvalEngine.OvalEngineFixture;

namespace Snapsight.Compliance.Tests.OvalEngine;

/// <summary>
/// Tests (OVAL 5.11 specification, "Test Evaluation"): check_existence over the collected
/// object and its flag, then check over the items' results, each item's result being its
/// states combined by state_operator.
/// </summary>
public sealed class TestEvaluationTests
{
    private const string AnyObject = """<ind:fake_object id="obj:1" version="1"><ind:name operation="pattern match">.*</ind:name></ind:fake_object>""";

    private const string States = """
        <ind:fake_state id="ste:yes" version="1"><ind:value>yes</ind:value></ind:fake_state>
        <ind:fake_state id="ste:a" version="1"><ind:name>a</ind:name></ind:fake_state>
        """;

    private static OvalItem[] Items(params string[] values) =>
        [.. values.Select((v, i) => Item($"/etc/x:{i + 1}", ("name", i == 0 ? "a" : "b"), ("value", v)))];

    private static async Task<TestOutcome> RunAsync(string testAttributes, string stateRefs, FakeProbe probe, string states = States, string variables = "")
    {
        var outcome = await EvaluateAsync(Document(testAttributes, stateRefs, AnyObject, states, variables), probe);
        return Assert.Single(outcome.Tests);
    }

    [Theory]
    // A complete object with items: every existence but none_exist holds; only_one needs exactly one.
    [InlineData("all_exist", CollectedFlag.Complete, 2, "T")]
    [InlineData("at_least_one_exists", CollectedFlag.Complete, 1, "T")]
    [InlineData("none_exist", CollectedFlag.Complete, 1, "F")]
    [InlineData("only_one_exists", CollectedFlag.Complete, 1, "T")]
    [InlineData("only_one_exists", CollectedFlag.Complete, 2, "F")]
    // Nothing exists: any_exist and none_exist hold, the others do not.
    [InlineData("all_exist", CollectedFlag.DoesNotExist, 0, "F")]
    [InlineData("any_exist", CollectedFlag.DoesNotExist, 0, "T")]
    [InlineData("at_least_one_exists", CollectedFlag.DoesNotExist, 0, "F")]
    [InlineData("none_exist", CollectedFlag.DoesNotExist, 0, "T")]
    [InlineData("only_one_exists", CollectedFlag.DoesNotExist, 0, "F")]
    // Incomplete (the specification leaves it open; OpenSCAP's oval_resultTest.c, the oracle):
    // items found settle "at least one" and refute "none"/"only one" (two found); any_exist
    // holds; otherwise the missing items could change the answer: unknown, all_exist included.
    [InlineData("any_exist", CollectedFlag.Incomplete, 0, "T")]
    [InlineData("all_exist", CollectedFlag.Incomplete, 2, "U")]
    [InlineData("at_least_one_exists", CollectedFlag.Incomplete, 1, "T")]
    [InlineData("at_least_one_exists", CollectedFlag.Incomplete, 0, "U")]
    [InlineData("none_exist", CollectedFlag.Incomplete, 1, "F")]
    [InlineData("none_exist", CollectedFlag.Incomplete, 0, "U")]
    [InlineData("only_one_exists", CollectedFlag.Incomplete, 1, "U")]
    [InlineData("only_one_exists", CollectedFlag.Incomplete, 2, "F")]
    // Flags that end the test before existence: error is error, not collected is not evaluated
    // (the contract's word for what OpenSCAP calls unknown), not applicable is not applicable ...
    [InlineData("none_exist", CollectedFlag.Error, 0, "E")]
    [InlineData("at_least_one_exists", CollectedFlag.NotCollected, 0, "NE")]
    [InlineData("all_exist", CollectedFlag.NotApplicable, 0, "NA")]
    // ... except any_exist without a state, which holds whatever was collected (OpenSCAP too).
    [InlineData("any_exist", CollectedFlag.Error, 0, "T")]
    [InlineData("any_exist", CollectedFlag.NotCollected, 0, "T")]
    [InlineData("any_exist", CollectedFlag.NotApplicable, 0, "T")]
    // A value the schema does not define: error.
    [InlineData("some_exist", CollectedFlag.Complete, 1, "E")]
    public async Task Check_existence_follows_the_flag_and_the_item_count(string checkExistence, CollectedFlag flag, int count, string expected)
    {
        var probe = new FakeProbe { Answer = new CollectedObject(flag, Items([.. Enumerable.Repeat("yes", count)]), flag == CollectedFlag.Error ? "disk damage" : null) };
        var test = await RunAsync($"check=\"all\" check_existence=\"{checkExistence}\"", "", probe);
        Assert.Equal(ResultCodes.Of(expected), test.Result);
    }

    [Theory]
    // all: every item must satisfy the state.
    [InlineData("all", "yes yes", "T")]
    [InlineData("all", "yes no", "F")]
    // at least one: one item satisfying is enough.
    [InlineData("at least one", "no yes", "T")]
    [InlineData("at least one", "no no", "F")]
    // none satisfy: no item may satisfy.
    [InlineData("none satisfy", "no no", "T")]
    [InlineData("none satisfy", "no yes", "F")]
    // only one: exactly one item satisfies.
    [InlineData("only one", "yes no", "T")]
    [InlineData("only one", "yes yes", "F")]
    public async Task Check_combines_the_items_results(string check, string values, string expected)
    {
        var test = await RunAsync($"check=\"{check}\"", """<ind:state state_ref="ste:yes"/>""", new FakeProbe(Items(values.Split(' '))));
        Assert.Equal(ResultCodes.Of(expected), test.Result);
    }

    [Fact]
    public async Task Evidence_names_the_items_that_decided()
    {
        // check="all" fails because of the second item only: it alone is the evidence.
        var test = await RunAsync("check=\"all\"", """<ind:state state_ref="ste:yes"/>""", new FakeProbe(Items("yes", "no", "yes")));
        Assert.Equal(OvalResult.False, test.Result);
        Assert.Equal(["/etc/x:2"], test.Evidence);
    }

    [Fact]
    public async Task Evidence_is_capped()
    {
        var test = await RunAsync("check=\"all\"", "", new FakeProbe(Items([.. Enumerable.Repeat("yes", 30)])));
        Assert.Equal(OvalEvaluator.MaxEvidence, test.Evidence.Count);
    }

    [Theory]
    // The first item has name a and value yes: both states true.
    [InlineData("AND", "yes", "T")]
    [InlineData("ONE", "yes", "F")]
    [InlineData("XOR", "yes", "F")]
    // Value no: ste:yes false, ste:a true.
    [InlineData("AND", "no", "F")]
    [InlineData("OR", "no", "T")]
    [InlineData("ONE", "no", "T")]
    [InlineData("XOR", "no", "T")]
    public async Task State_operator_combines_the_states_of_one_item(string stateOperator, string value, string expected)
    {
        var test = await RunAsync($"check=\"all\" state_operator=\"{stateOperator}\"", """<ind:state state_ref="ste:yes"/><ind:state state_ref="ste:a"/>""", new FakeProbe(Items(value)));
        Assert.Equal(ResultCodes.Of(expected), test.Result);
    }

    [Theory]
    // The item is named a with value no: its name entity is true, its value entity false.
    [InlineData("AND", "F")]
    [InlineData("OR", "T")]
    [InlineData("ONE", "T")]
    [InlineData("XOR", "T")]
    public async Task A_states_operator_combines_its_entities(string stateOperator, string expected)
    {
        var states = $"""<ind:fake_state id="ste:1" version="1" operator="{stateOperator}"><ind:name>a</ind:name><ind:value>yes</ind:value></ind:fake_state>""";
        var test = await RunAsync("check=\"all\"", """<ind:state state_ref="ste:1"/>""", new FakeProbe(Items("no")), states);
        Assert.Equal(ResultCodes.Of(expected), test.Result);
    }

    [Theory]
    // The item's value entity holds yes and no.
    [InlineData("all", "F")]
    [InlineData("at least one", "T")]
    [InlineData("none satisfy", "F")]
    [InlineData("only one", "T")]
    public async Task Entity_check_combines_the_values_of_a_multi_valued_item_entity(string entityCheck, string expected)
    {
        var states = $"""<ind:fake_state id="ste:1" version="1"><ind:value entity_check="{entityCheck}">yes</ind:value></ind:fake_state>""";
        var probe = new FakeProbe(Item("/etc/x:1", ("name", "a"), ("value", "yes"), ("value", "no")));
        var test = await RunAsync("check=\"all\"", """<ind:state state_ref="ste:1"/>""", probe, states);
        Assert.Equal(ResultCodes.Of(expected), test.Result);
    }

    [Theory]
    // The variable holds 1 and 2; the item's value is 1, which equals one of them.
    [InlineData("all", "F")]
    [InlineData("at least one", "T")]
    [InlineData("none satisfy", "F")]
    [InlineData("only one", "T")]
    public async Task Var_check_combines_the_values_of_the_states_variable(string varCheck, string expected)
    {
        var states = $"""<ind:fake_state id="ste:1" version="1"><ind:value datatype="int" var_ref="var:1" var_check="{varCheck}"/></ind:fake_state>""";
        const string Variables = """<constant_variable id="var:1" version="1" datatype="int" comment="c"><value>1</value><value>2</value></constant_variable>""";
        var test = await RunAsync("check=\"all\"", """<ind:state state_ref="ste:1"/>""", new FakeProbe(Items("1")), states, Variables);
        Assert.Equal(ResultCodes.Of(expected), test.Result);
    }

    [Fact]
    public async Task A_state_entity_the_item_lacks_is_unknown()
    {
        // OpenSCAP (eval_item) combines the entity_check of no values, unknown, with the
        // existence of the item's entities, true: AND gives unknown. The oracle decides here.
        var states = """<ind:fake_state id="ste:1" version="1"><ind:value>yes</ind:value><ind:mode>0644</ind:mode></ind:fake_state>""";
        var test = await RunAsync("check=\"all\"", """<ind:state state_ref="ste:1"/>""", new FakeProbe(Items("yes")), states);
        Assert.Equal(OvalResult.Unknown, test.Result);
        Assert.NotNull(test.Reason);
    }

    [Fact]
    public async Task A_state_entity_that_must_not_exist_is_true_when_the_item_lacks_it()
    {
        var states = """<ind:fake_state id="ste:1" version="1"><ind:mode check_existence="none_exist"/></ind:fake_state>""";
        var test = await RunAsync("check=\"all\"", """<ind:state state_ref="ste:1"/>""", new FakeProbe(Items("yes")), states);
        Assert.Equal(OvalResult.True, test.Result);
    }

    [Theory]
    // Incomplete: one false item already makes "all" false ...
    [InlineData("all", "no", "F")]
    // ... but all found items true says nothing of the missing ones: unknown.
    [InlineData("all", "yes", "U")]
    // One true item settles "at least one".
    [InlineData("at least one", "yes", "T")]
    // OpenSCAP lets a false stand even for "at least one" (the oracle, though a missing item could be true).
    [InlineData("at least one", "no", "F")]
    [InlineData("none satisfy", "no", "U")]
    public async Task An_incomplete_object_decides_only_what_its_items_settle(string check, string value, string expected)
    {
        var probe = new FakeProbe { Answer = new CollectedObject(CollectedFlag.Incomplete, Items(value)) };
        var test = await RunAsync($"check=\"{check}\"", """<ind:state state_ref="ste:yes"/>""", probe);
        Assert.Equal(ResultCodes.Of(expected), test.Result);
    }

    [Fact]
    public async Task Any_exist_with_no_items_is_true_whatever_the_state()
    {
        // Existence holds, and no item contradicts the state.
        var test = await RunAsync("check=\"all\" check_existence=\"any_exist\"", """<ind:state state_ref="ste:yes"/>""", new FakeProbe());
        Assert.Equal(OvalResult.True, test.Result);
    }
}
