using Snapsight.Compliance.Oval.Evaluation;
using static Snapsight.Compliance.Tests.OvalEngine.OvalEngineFixture;

namespace Snapsight.Compliance.Tests.OvalEngine;

/// <summary>
/// Variables and the functions of local variables (oval-definitions-schema, "Variables" and
/// "Functions"). Each variable is read through an object entity's var_ref, so the values are
/// the ones the probe is handed.
/// </summary>
public sealed class VariableTests
{
    private const string Sources = """
        <constant_variable id="var:xy" version="1" datatype="string" comment="c"><value>x</value><value>y</value></constant_variable>
        <constant_variable id="var:12" version="1" datatype="int" comment="c"><value>1</value><value>2</value></constant_variable>
        <external_variable id="var:ext" version="1" datatype="string" comment="c"/>
        """;

    /// <summary>The values var:1, defined by <paramref name="component"/>, hands the probe; or the test's reason when it cannot.</summary>
    private static async Task<(IReadOnlyList<string>? Values, TestOutcome Test)> ValuesAsync(string component, IReadOnlyDictionary<string, IReadOnlyList<string>>? external = null, FakeProbe? probe = null)
    {
        probe ??= new FakeProbe();
        var variables = Sources + $"""<local_variable id="var:1" version="1" datatype="string" comment="c">{component}</local_variable>""";
        var objects = """<ind:fake_object id="obj:1" version="1"><ind:name var_ref="var:1"/></ind:fake_object>""";
        var outcome = await EvaluateAsync(Document("", "", objects, "", variables), probe, external: external);
        var fake = probe.Requests.Where(r => r.ObjectId == "obj:1").ToArray();
        return (fake.Length == 1 ? fake[0].Entities["name"].Values : null, Assert.Single(outcome.Tests));
    }

    private static async Task<IReadOnlyList<string>> ValuesOfAsync(string component, IReadOnlyDictionary<string, IReadOnlyList<string>>? external = null, FakeProbe? probe = null)
    {
        var (values, test) = await ValuesAsync(component, external, probe);
        return values ?? throw new Xunit.Sdk.XunitException($"no values: {test.Result} {test.Reason}");
    }

    [Fact]
    public async Task Literal_constant_and_variable_components_give_their_values()
    {
        Assert.Equal(["a b"], await ValuesOfAsync("<literal_component>a b</literal_component>"));
        Assert.Equal(["x", "y"], await ValuesOfAsync("""<variable_component var_ref="var:xy"/>"""));
    }

    [Fact]
    public async Task External_variables_come_from_the_callers_map_and_a_missing_one_is_an_error()
    {
        var external = new Dictionary<string, IReadOnlyList<string>> { ["var:ext"] = ["0600", "0640"] };
        Assert.Equal(["0600", "0640"], await ValuesOfAsync("""<variable_component var_ref="var:ext"/>""", external));

        var (values, test) = await ValuesAsync("""<variable_component var_ref="var:ext"/>""");
        Assert.Null(values);
        Assert.Equal(OvalResult.Error, test.Result);
        Assert.Contains("external variable var:ext has no value", test.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concat_makes_every_combination_in_order()
    {
        // Cartesian: (x|y) then (1|2) gives four values, the first component varying slowest.
        Assert.Equal(["/x1!", "/x2!", "/y1!", "/y2!"], await ValuesOfAsync("""
            <concat><literal_component>/</literal_component><variable_component var_ref="var:xy"/><variable_component var_ref="var:12"/><literal_component>!</literal_component></concat>
            """));
    }

    [Fact]
    public async Task Arithmetic_adds_and_multiplies_every_combination()
    {
        Assert.Equal(["11", "12"], await ValuesOfAsync("""<arithmetic arithmetic_operation="add"><variable_component var_ref="var:12"/><literal_component>10</literal_component></arithmetic>"""));
        Assert.Equal(["3", "6"], await ValuesOfAsync("""<arithmetic arithmetic_operation="multiply"><variable_component var_ref="var:12"/><literal_component>3</literal_component></arithmetic>"""));
        Assert.Equal(["2.5"], await ValuesOfAsync("""<arithmetic arithmetic_operation="add"><literal_component>1.5</literal_component><literal_component>1</literal_component></arithmetic>"""));
    }

    [Fact]
    public async Task Regex_capture_takes_the_first_group_and_gives_an_empty_string_for_values_that_do_not_match()
    {
        Assert.Equal(["022"], await ValuesOfAsync("""<regex_capture pattern="^umask\s+(\d+)"><concat><literal_component>umask 022</literal_component></concat></regex_capture>"""));
        Assert.Equal(["", "y"], await ValuesOfAsync("""<regex_capture pattern="^(y)"><variable_component var_ref="var:xy"/></regex_capture>"""));
    }

    [Theory]
    // 1-based start, a length.
    [InlineData("2", "3", "bcd")]
    // A negative length: to the end.
    [InlineData("2", "-1", "bcdef")]
    // A start below 1 counts as 1; a length past the end stops at the end.
    [InlineData("0", "99", "abcdef")]
    public async Task Substring_cuts_by_one_based_start_and_length(string start, string length, string expected) =>
        Assert.Equal([expected], await ValuesOfAsync($"""<substring substring_start="{start}" substring_length="{length}"><literal_component>abcdef</literal_component></substring>"""));

    [Fact]
    public async Task Substring_starting_past_the_end_is_an_error()
    {
        var (_, test) = await ValuesAsync("""<substring substring_start="9" substring_length="1"><literal_component>abc</literal_component></substring>""");
        Assert.Equal(OvalResult.Error, test.Result);
    }

    [Fact]
    public async Task Split_escape_regex_begin_end_count_unique()
    {
        Assert.Equal(["a", "", "b"], await ValuesOfAsync("""<split delimiter=","><literal_component>a,,b</literal_component></split>"""));
        Assert.Equal([@"a\.b\*c\(d\)"], await ValuesOfAsync("""<escape_regex><literal_component>a.b*c(d)</literal_component></escape_regex>"""));
        Assert.Equal(["/etc", "/var"], await ValuesOfAsync("""<begin character="/"><unique><literal_component>etc</literal_component><literal_component>/var</literal_component></unique></begin>"""));
        Assert.Equal(["x/", "y/"], await ValuesOfAsync("""<end character="/"><variable_component var_ref="var:xy"/></end>"""));
        Assert.Equal(["3"], await ValuesOfAsync("""<count><variable_component var_ref="var:xy"/><literal_component>z</literal_component></count>"""));
        Assert.Equal(["x", "y"], await ValuesOfAsync("""<unique><variable_component var_ref="var:xy"/><variable_component var_ref="var:xy"/></unique>"""));
    }

    [Theory]
    // '*' matches within one path part only (a shell glob never crosses '/').
    [InlineData("/etc/*.conf", "/etc/a.conf", true)]
    [InlineData("/etc/*.conf", "/etc/x/a.conf", false)]
    // '?' is one character; the dot is literal, not "any character".
    [InlineData("/etc/a?.conf", "/etc/ab.conf", true)]
    [InlineData("/etc/a?.conf", "/etc/ab_conf", false)]
    // Bracket expressions, '!' negating; anchored at both ends.
    [InlineData("/dev/tty[0-9]", "/dev/tty7", true)]
    [InlineData("/dev/tty[!0-9]", "/dev/tty7", false)]
    [InlineData("/dev/tty[0-9]", "/dev/tty77", false)]
    // A backslash makes the next character literal.
    [InlineData(@"/a\*b", "/a*b", true)]
    [InlineData(@"/a\*b", "/axb", false)]
    public void Glob_to_regex_matches_as_the_shell_glob_would(string glob, string path, bool matches)
    {
        var regex = Assert.Single(OvalFunctions.GlobToRegex(false, [glob]));
        Assert.Equal(matches, System.Text.RegularExpressions.Regex.IsMatch(path, regex));
    }

    [Fact]
    public async Task Glob_to_regex_is_a_variable_function()
    {
        Assert.Equal([@"^/etc/[^/]*\.conf$"], await ValuesOfAsync("""<glob_to_regex><literal_component>/etc/*.conf</literal_component></glob_to_regex>"""));
    }

    [Fact]
    public async Task Object_component_takes_the_item_field_of_the_objects_items()
    {
        // obj:src selects the items named a or c; their value entities become the variable's values.
        var probe = new FakeProbe(
            Item("a", ("name", "a"), ("value", "one")),
            Item("b", ("name", "b"), ("value", "two")),
            Item("c", ("name", "c"), ("value", "three")),
            Item("one", ("name", "one"), ("value", "1")),
            Item("three", ("name", "three"), ("value", "3")));
        var variables = """<local_variable id="var:1" version="1" datatype="string" comment="c"><object_component object_ref="obj:src" item_field="value"/></local_variable>""";
        var objects = """
            <ind:fake_object id="obj:1" version="1"><ind:name var_ref="var:1"/></ind:fake_object>
            <ind:fake_object id="obj:src" version="1"><ind:name operation="pattern match">^[ac]$</ind:name></ind:fake_object>
            """;
        var outcome = await EvaluateAsync(Document("", "", objects, "", variables), probe);
        Assert.Equal(OvalResult.True, outcome.Result);
        Assert.Equal(["one", "three"], probe.Requests.Single(r => r.ObjectId == "obj:1").Entities["name"].Values);
        Assert.Equal(["one", "three"], outcome.Tests[0].Evidence);
    }

    [Fact]
    public async Task Object_component_over_an_item_without_the_field_is_an_error()
    {
        var variables = """<local_variable id="var:1" version="1" datatype="string" comment="c"><object_component object_ref="obj:src" item_field="mode"/></local_variable>""";
        var objects = """
            <ind:fake_object id="obj:1" version="1"><ind:name var_ref="var:1"/></ind:fake_object>
            <ind:fake_object id="obj:src" version="1"><ind:name>a</ind:name></ind:fake_object>
            """;
        var outcome = await EvaluateAsync(Document("", "", objects, "", variables), new FakeProbe(Item("/etc/a", ("name", "a"))));
        Assert.Equal(OvalResult.Error, outcome.Result);
        Assert.Contains("has no mode", outcome.Tests[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Functions_not_supported_are_an_error_with_the_reason()
    {
        var (_, test) = await ValuesAsync("""<time_difference format_1="seconds_since_epoch"><literal_component>1</literal_component></time_difference>""");
        Assert.Equal(OvalResult.Error, test.Result);
        Assert.Contains("time_difference is not supported", test.Reason, StringComparison.Ordinal);
    }
}
