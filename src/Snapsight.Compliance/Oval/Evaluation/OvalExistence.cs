namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// A test's check_existence (OVAL 5.11 ExistenceEnumeration) over what its object's collection
/// gave. Probes only report items that exist. Where the specification leaves an incomplete
/// object open, this follows OpenSCAP (oval_resultTest.c), the oracle SSG results are checked
/// against: only what the items found settle is decided, the rest is unknown.
/// </summary>
internal static class OvalExistence
{
    /// <summary>The existence result for a complete, incomplete or does-not-exist object with <paramref name="items"/> items; other flags never reach here.</summary>
    public static OvalResult Evaluate(string checkExistence, CollectedFlag flag, int items)
    {
        var incomplete = flag == CollectedFlag.Incomplete;
        return checkExistence switch
        {
            "any_exist" => OvalResult.True,
            // Every item collected exists, so all_exist holds as soon as one does, unless some
            // matching items went uncollected.
            "all_exist" => incomplete ? OvalResult.Unknown : Of(items > 0),
            "at_least_one_exists" => items > 0 ? OvalResult.True : incomplete ? OvalResult.Unknown : OvalResult.False,
            "none_exist" => items > 0 ? OvalResult.False : incomplete ? OvalResult.Unknown : OvalResult.True,
            "only_one_exists" => items > 1 ? OvalResult.False
                : incomplete ? OvalResult.Unknown
                : Of(items == 1),
            _ => OvalResult.Error,
        };
    }

    /// <summary>
    /// The check over the items of an incomplete object: false stands (the missing items cannot
    /// undo a failure OpenSCAP counts as final), true stands for "at least one" only, anything else is unknown.
    /// </summary>
    public static OvalResult WhenIncomplete(string check, OvalResult result) => result switch
    {
        OvalResult.False => OvalResult.False,
        OvalResult.True when check == "at least one" => OvalResult.True,
        _ => OvalResult.Unknown,
    };

    private static OvalResult Of(bool value) => value ? OvalResult.True : OvalResult.False;
}
