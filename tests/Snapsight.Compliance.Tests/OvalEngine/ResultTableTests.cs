using CsCheck;
using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Tests.OvalEngine;

/// <summary>
/// The operator and check tables of OVAL 5.11 (oval-common-schema OperatorEnumeration and
/// CheckEnumeration, and the specification's truth tables). Each row's expected answer is
/// argued from those tables in its comment.
/// </summary>
public sealed class ResultTableTests
{
    [Theory]
    // AND: true only when every result is true.
    [InlineData("AND", "T T T", "T")]
    // AND: one false decides, whatever else is there (errors included).
    [InlineData("AND", "T F E U", "F")]
    // AND: no false, an error present: error.
    [InlineData("AND", "T E U NE", "E")]
    // AND: no false nor error, an unknown: unknown.
    [InlineData("AND", "T U NE", "U")]
    // AND: only trues and not evaluated: not evaluated.
    [InlineData("AND", "T NE", "NE")]
    // Not applicable results are left out of the count ...
    [InlineData("AND", "T NA", "T")]
    // ... unless all are not applicable.
    [InlineData("AND", "NA NA", "NA")]
    // OR: one true decides.
    [InlineData("OR", "F E T", "T")]
    // OR: all false: false.
    [InlineData("OR", "F F", "F")]
    // OR: no true, an error: error.
    [InlineData("OR", "F E U", "E")]
    // OR: no true nor error, an unknown: unknown.
    [InlineData("OR", "F U NE", "U")]
    [InlineData("OR", "F NE", "NE")]
    [InlineData("OR", "F NA", "F")]
    // ONE: exactly one true, the rest false: true.
    [InlineData("ONE", "F T F", "T")]
    // ONE: two trues: false, whatever else is undecided.
    [InlineData("ONE", "T T E", "F")]
    // ONE: no true at all: false.
    [InlineData("ONE", "F F", "F")]
    // ONE: one true but an error could be a second: error.
    [InlineData("ONE", "T E", "E")]
    [InlineData("ONE", "T U", "U")]
    [InlineData("ONE", "F NE", "NE")]
    // XOR: odd number of trues: true; even: false.
    [InlineData("XOR", "T T T", "T")]
    [InlineData("XOR", "T T F", "F")]
    [InlineData("XOR", "F F", "F")]
    // XOR: any error makes the parity unknowable: error; then unknown, then not evaluated.
    [InlineData("XOR", "T E", "E")]
    [InlineData("XOR", "T U NE", "U")]
    [InlineData("XOR", "T NE", "NE")]
    [InlineData("XOR", "NA NA", "NA")]
    [InlineData("XOR", "T NA", "T")]
    // Nothing to combine: unknown (OpenSCAP's ores_get_result_byopr; the schema never allows it in criteria).
    [InlineData("AND", "", "U")]
    [InlineData("XOR", "", "U")]
    // An operator the schema does not define: error.
    [InlineData("NAND", "T", "E")]
    public void Operators_follow_the_truth_tables(string @operator, string inputs, string expected) =>
        Assert.Equal(ResultCodes.Of(expected), OvalResultTables.Combine(@operator, ResultCodes.List(inputs)));

    [Theory]
    // all: like AND.
    [InlineData("all", "T T", "T")]
    [InlineData("all", "T F E", "F")]
    [InlineData("all", "T E", "E")]
    // at least one: like OR.
    [InlineData("at least one", "F T E", "T")]
    [InlineData("at least one", "F F", "F")]
    [InlineData("at least one", "F U", "U")]
    // none satisfy: true when every item is false; one true makes it false.
    [InlineData("none satisfy", "F F", "T")]
    [InlineData("none satisfy", "F T E", "F")]
    [InlineData("none satisfy", "F E", "E")]
    [InlineData("none satisfy", "F NE", "NE")]
    // "none exist" is the deprecated spelling of none satisfy.
    [InlineData("none exist", "F F", "T")]
    // only one: like ONE.
    [InlineData("only one", "T F", "T")]
    [InlineData("only one", "T T", "F")]
    [InlineData("only one", "T U", "U")]
    [InlineData("whatever", "T", "E")]
    // No values to check (a state entity the item lacks): unknown.
    [InlineData("all", "", "U")]
    [InlineData("none satisfy", "", "U")]
    public void Checks_follow_the_check_tables(string check, string inputs, string expected) =>
        Assert.Equal(ResultCodes.Of(expected), OvalResultTables.Check(check, ResultCodes.List(inputs)));

    [Theory]
    // negate swaps true and false only; undecided results stay what they are.
    [InlineData("T", "F")]
    [InlineData("F", "T")]
    [InlineData("E", "E")]
    [InlineData("U", "U")]
    [InlineData("NE", "NE")]
    [InlineData("NA", "NA")]
    public void Negate_swaps_true_and_false_only(string input, string expected) =>
        Assert.Equal(ResultCodes.Of(expected), OvalResultTables.Negate(ResultCodes.Of(input), true));

    private static readonly Gen<OvalResult[]> Results = Gen.Enum<OvalResult>().Array[1, 8];

    /// <summary>De Morgan holds over the six results: negating an AND is the OR of the negations, and the other way round.</summary>
    [Fact]
    public void Negation_is_dual_between_and_and_or() =>
        Results.Sample(results =>
        {
            var negated = results.Select(r => OvalResultTables.Negate(r, true)).ToArray();
            Assert.Equal(OvalResultTables.Negate(OvalResultTables.Combine("AND", results), true), OvalResultTables.Combine("OR", negated));
            Assert.Equal(OvalResultTables.Negate(OvalResultTables.Combine("OR", results), true), OvalResultTables.Combine("AND", negated));
        });

    /// <summary>"none satisfy" over items is "all" over the negated item results (the check's definition).</summary>
    [Fact]
    public void None_satisfy_is_all_of_the_negations() =>
        Results.Sample(results =>
            Assert.Equal(OvalResultTables.Check("all", results.Select(r => OvalResultTables.Negate(r, true))), OvalResultTables.Check("none satisfy", results)));

    /// <summary>The order of the results never matters.</summary>
    [Fact]
    public void Operators_ignore_order() =>
        Gen.Select(Results, Gen.OneOfConst("AND", "OR", "ONE", "XOR")).Sample((results, @operator) =>
            Assert.Equal(OvalResultTables.Combine(@operator, results), OvalResultTables.Combine(@operator, results.Reverse())));
}
