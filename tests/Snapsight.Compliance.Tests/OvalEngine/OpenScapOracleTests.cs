using System.Globalization;
using System.Text;
using CsCheck;
using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Compliance.Tests.OvalEngine;

/// <summary>
/// Generated OVAL documents evaluated by the engine and by OpenSCAP (<c>oscap oval eval</c>),
/// which must agree on every definition. The documents need no file tree: variable_test over
/// variable_object (answered by the engine itself, and by oscap's variable probe) compares
/// constant variables and local functions of them with states of every SSG datatype,
/// operation, entity_check, var_check, state operator and check, and further definitions
/// combine those tests with every operator and negate.
/// </summary>
public sealed class OpenScapOracleTests
{
    /// <summary>One test: the item variable is the constant values, or a local function of them (<see cref="Function"/> with BASE for the constant).</summary>
    private sealed record Case(string Datatype, string Operation, string[] ItemValues, string[] StateValues, bool StateByVariable, string EntityCheck, string VarCheck, string Check, string? Function, string StateOperator, bool VarRefMatches);

    private sealed record Combination(string Operator, bool Negate, (int Test, bool Negate)[] Criteria);

    private static readonly string[] Checks = ["all", "at least one", "none satisfy", "only one"];

    private static Gen<string> ValueOf(string datatype) => datatype switch
    {
        "int" => Gen.Int[-3, 12].Select(i => i.ToString(CultureInfo.InvariantCulture)),
        "boolean" => Gen.OneOfConst("true", "false", "1", "0"),
        // No spaces: the data stream reader trims element text, OpenSCAP keeps it (reported, not ours to change).
        "string" => Gen.String[Gen.Char["abAB.-"], 0, 4],
        "version" => Gen.Int[0, 3].Array[1, 3].Select(parts => string.Join('.', parts)),
        "evr_string" => Gen.Select(Gen.Int[0, 1], Gen.String[Gen.Char["012.a~"], 1, 4], Gen.String[Gen.Char["01a"], 1, 2], (e, v, r) => $"{e}:{(char.IsAsciiDigit(v[0]) ? v : "1" + v)}-{r}"),
        _ => Gen.Select(Gen.Int[0, 1], Gen.String[Gen.Char["012.+~a"], 0, 4], Gen.String[Gen.Char["01a"], 1, 2], (e, v, r) => $"{e}:1{v}-{r}"),
    };

    private static Gen<string> OperationOf(string datatype) => datatype switch
    {
        "string" => Gen.OneOfConst("equals", "not equal", "case insensitive equals", "case insensitive not equal", "pattern match"),
        "boolean" => Gen.OneOfConst("equals", "not equal"),
        "int" => Gen.OneOfConst("equals", "not equal", "greater than", "greater than or equal", "less than", "less than or equal", "bitwise and", "bitwise or"),
        _ => Gen.OneOfConst("equals", "not equal", "greater than", "greater than or equal", "less than", "less than or equal"),
    };

    private const string Base = """<variable_component var_ref="BASE"/>""";

    // Local functions over the constant values, for the datatypes they give.
    private static Gen<string?> FunctionOf(string datatype) => datatype switch
    {
        "string" => Gen.OneOfConst<string?>(
            null,
            $"""<begin character="a">{Base}</begin>""",
            $"""<end character=".">{Base}</end>""",
            $"""<concat>{Base}<literal_component>-z</literal_component>{Base}</concat>""",
            $"""<substring substring_start="2" substring_length="2">{Base}</substring>""",
            $"""<substring substring_start="0" substring_length="-1">{Base}</substring>""",
            $"""<split delimiter=".">{Base}</split>""",
            $"""<regex_capture pattern="(a.)">{Base}</regex_capture>""",
            $"""<escape_regex>{Base}</escape_regex>""",
            $"""<unique>{Base}{Base}</unique>"""),
        "int" => Gen.OneOfConst<string?>(
            null,
            $"""<arithmetic arithmetic_operation="add">{Base}<literal_component datatype="int">3</literal_component></arithmetic>""",
            $"""<arithmetic arithmetic_operation="multiply">{Base}{Base}</arithmetic>""",
            $"""<count>{Base}<literal_component>x</literal_component></count>"""),
        _ => Gen.OneOfConst<string?>(null, null),
    };

    private static readonly Gen<Case> Cases =
        Gen.OneOfConst("int", "boolean", "string", "version", "evr_string", "debian_evr_string").SelectMany(datatype => Gen.Select(
            OperationOf(datatype),
            ValueOf(datatype).Array[1, 3],
            ValueOf(datatype).Array[1, 3],
            Gen.Bool,
            Gen.OneOfConst(Checks),
            Gen.OneOfConst(Checks),
            Gen.Select(Gen.OneOfConst(Checks), FunctionOf(datatype), Gen.OneOfConst("AND", "OR", "ONE", "XOR"), Gen.Bool),
            (operation, items, states, byVariable, entityCheck, varCheck, last) =>
                new Case(datatype, operation, items, byVariable ? states : states[..1], byVariable, entityCheck, varCheck, last.Item1, last.Item2, last.Item3, last.Item4)));

    [Fact]
    public void Definitions_evaluate_as_oscap_evaluates_them()
    {
        var documents = Cases.Array[20, 40]
            .SelectMany(cases => Gen.Select(Gen.OneOfConst("AND", "OR", "ONE", "XOR"), Gen.Bool, Gen.Select(Gen.Int[0, cases.Length - 1], Gen.Bool).Array[1, 4],
                (op, negate, criteria) => new Combination(op, negate, criteria)).Array[10, 20].Select(combinations => (cases, combinations)))
            .Array[3].Single();
        foreach (var (cases, combinations) in documents)
        {
            var xml = Document(cases, combinations);
            var expected = Oscap(xml);
            var evaluator = new OvalEvaluator(OvalEngineFixture.ParseDocument(xml), new ProbeContext(FileTree.Empty()), new Dictionary<string, IReadOnlyList<string>>(), _ => null);
            var wrong = expected
                .Select(e => (Definition: e.Key, Oscap: e.Value, Ours: Word(evaluator.EvaluateAsync(e.Key, CancellationToken.None).GetAwaiter().GetResult().Result)))
                .Where(r => r.Oscap != r.Ours)
                .Select(r => $"{r.Definition}: oscap {r.Oscap}, ours {r.Ours}")
                .ToList();
            Assert.Equal(cases.Length + combinations.Length, expected.Count);
            Assert.True(wrong.Count == 0, string.Join('\n', wrong) + "\n" + xml);
        }
    }

    private static Dictionary<string, string> Oscap(string xml)
    {
        var directory = Directory.CreateTempSubdirectory("oval-oracle-");
        try
        {
            var path = Path.Combine(directory.FullName, "definitions.xml");
            File.WriteAllText(path, xml);
            return Tool.Run("oscap", "oval", "eval", "--results", Path.Combine(directory.FullName, "results.xml"), path)
                .Split('\n')
                .Where(line => line.StartsWith("Definition ", StringComparison.Ordinal))
                .Select(line => line["Definition ".Length..].Split(": ", 2))
                .ToDictionary(parts => parts[0], parts => parts[1].Trim());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Word(OvalResult result) => result switch
    {
        OvalResult.True => "true",
        OvalResult.False => "false",
        OvalResult.Error => "error",
        OvalResult.Unknown => "unknown",
        OvalResult.NotEvaluated => "not evaluated",
        _ => "not applicable",
    };

    private static string Document(Case[] cases, Combination[] combinations)
    {
        static string Escape(string value) => System.Security.SecurityElement.Escape(value);
        var definitions = new StringBuilder();
        var tests = new StringBuilder();
        var objects = new StringBuilder();
        var states = new StringBuilder();
        var variables = new StringBuilder();
        for (var i = 0; i < cases.Length; i++)
        {
            var c = cases[i];
            var n = i + 1; // ids are [1-9][0-9]* (the schema's pattern, which oscap checks)
            definitions.Append($"""<definition id="oval:x:def:{n}" version="1" class="compliance"><metadata><title>t</title><description>d</description></metadata><criteria><criterion test_ref="oval:x:tst:{n}"/></criteria></definition>""");
            tests.Append($"""<ind:variable_test id="oval:x:tst:{n}" version="1" check="{c.Check}" comment="c"><ind:object object_ref="oval:x:obj:{n}"/><ind:state state_ref="oval:x:ste:{n}"/></ind:variable_test>""");
            objects.Append($"""<ind:variable_object id="oval:x:obj:{n}" version="1"><ind:var_ref>oval:x:var:{n}</ind:var_ref></ind:variable_object>""");
            var constants = string.Concat(c.ItemValues.Select(v => $"<value>{Escape(v)}</value>"));
            variables.Append(c.Function is null
                ? $"""<constant_variable id="oval:x:var:{n}" version="1" datatype="{c.Datatype}" comment="c">{constants}</constant_variable>"""
                : $"""
                    <constant_variable id="oval:x:var:{3000 + n}" version="1" datatype="{c.Datatype}" comment="c">{constants}</constant_variable>
                    <local_variable id="oval:x:var:{n}" version="1" datatype="{c.Datatype}" comment="c">{c.Function.Replace("BASE", $"oval:x:var:{3000 + n}", StringComparison.Ordinal)}</local_variable>
                    """);
            var value = c.StateByVariable
                ? $"""<ind:value datatype="{c.Datatype}" operation="{c.Operation}" entity_check="{c.EntityCheck}" var_ref="oval:x:var:{1000 + n}" var_check="{c.VarCheck}"/>"""
                : $"""<ind:value datatype="{c.Datatype}" operation="{c.Operation}" entity_check="{c.EntityCheck}">{Escape(c.StateValues[0])}</ind:value>""";
            // A second entity, the item's var_ref, true or false, for the state's operator to combine.
            var varRef = $"""<ind:var_ref>oval:x:var:{(c.VarRefMatches ? n : n + 1)}</ind:var_ref>""";
            states.Append($"""<ind:variable_state id="oval:x:ste:{n}" version="1" operator="{c.StateOperator}">{varRef}{value}</ind:variable_state>""");
            if (c.StateByVariable)
            {
                variables.Append($"""<constant_variable id="oval:x:var:{1000 + n}" version="1" datatype="{c.Datatype}" comment="c">{string.Concat(c.StateValues.Select(v => $"<value>{Escape(v)}</value>"))}</constant_variable>""");
            }
        }

        for (var j = 0; j < combinations.Length; j++)
        {
            var combination = combinations[j];
            var criteria = string.Concat(combination.Criteria.Select(c => $"""<criterion test_ref="oval:x:tst:{c.Test + 1}" negate="{(c.Negate ? "true" : "false")}"/>"""));
            definitions.Append($"""<definition id="oval:x:def:{2000 + j}" version="1" class="compliance"><metadata><title>t</title><description>d</description></metadata><criteria operator="{combination.Operator}" negate="{(combination.Negate ? "true" : "false")}">{criteria}</criteria></definition>""");
        }

        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5" xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5" xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent">
              <generator><oval:schema_version>5.11.2</oval:schema_version><oval:timestamp>2026-01-01T00:00:00</oval:timestamp></generator>
              <definitions>{definitions}</definitions>
              <tests>{tests}</tests>
              <objects>{objects}</objects>
              <states>{states}</states>
              <variables>{variables}</variables>
            </oval_definitions>
            """;
    }
}
