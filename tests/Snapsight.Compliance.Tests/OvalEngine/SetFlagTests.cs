using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Tests.OvalEngine;

/// <summary>
/// The flag of a set from its operands' flags (OVAL 5.11 specification, the set operation
/// tables, which OpenSCAP's probe_cobj_combine_flags follows). Rows chosen where the tables
/// are not "the worse of the two".
/// </summary>
public sealed class SetFlagTests
{
    [Theory]
    // UNION: a not collected operand beside collected items leaves the union incomplete.
    [InlineData("UNION", CollectedFlag.Complete, CollectedFlag.NotCollected, CollectedFlag.Incomplete)]
    [InlineData("UNION", CollectedFlag.DoesNotExist, CollectedFlag.NotApplicable, CollectedFlag.DoesNotExist)]
    [InlineData("UNION", CollectedFlag.NotApplicable, CollectedFlag.NotCollected, CollectedFlag.NotCollected)]
    [InlineData("UNION", CollectedFlag.Incomplete, CollectedFlag.Error, CollectedFlag.Error)]
    // INTERSECTION: nothing on one side means nothing in the intersection, even beside an error.
    [InlineData("INTERSECTION", CollectedFlag.DoesNotExist, CollectedFlag.Error, CollectedFlag.DoesNotExist)]
    [InlineData("INTERSECTION", CollectedFlag.Complete, CollectedFlag.NotApplicable, CollectedFlag.Complete)]
    [InlineData("INTERSECTION", CollectedFlag.Incomplete, CollectedFlag.NotCollected, CollectedFlag.Incomplete)]
    [InlineData("INTERSECTION", CollectedFlag.NotCollected, CollectedFlag.Complete, CollectedFlag.NotCollected)]
    // COMPLEMENT: what to take away must be known completely, or the result is an error.
    [InlineData("COMPLEMENT", CollectedFlag.Complete, CollectedFlag.Incomplete, CollectedFlag.Error)]
    [InlineData("COMPLEMENT", CollectedFlag.Complete, CollectedFlag.DoesNotExist, CollectedFlag.Complete)]
    [InlineData("COMPLEMENT", CollectedFlag.Incomplete, CollectedFlag.Complete, CollectedFlag.Incomplete)]
    [InlineData("COMPLEMENT", CollectedFlag.DoesNotExist, CollectedFlag.Error, CollectedFlag.DoesNotExist)]
    [InlineData("COMPLEMENT", CollectedFlag.NotApplicable, CollectedFlag.Complete, CollectedFlag.Error)]
    [InlineData("COMPLEMENT", CollectedFlag.NotCollected, CollectedFlag.Complete, CollectedFlag.NotCollected)]
    public void Set_flags_combine_by_the_specification_tables(string setOperator, CollectedFlag first, CollectedFlag second, CollectedFlag expected) =>
        Assert.Equal(expected, OvalSetOperations.CombineFlags(setOperator, first, second));
}
