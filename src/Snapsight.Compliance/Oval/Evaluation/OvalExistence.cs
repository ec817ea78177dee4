namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// A test's check_existence (OVAL 5.11 ExistenceEnumeration) over what its object's collection
/// gave. Probes only report items that exist, so an object's flag stands for the items it could
/// not report: an incomplete object has further matching items that do exist, which can only
/// raise the count; nothing known about them, the answer is unknown where they could change it.
/// </summary>
public static class OvalExistence
{
    /// <summary>The existence result for a complete, incomplete or does-not-exist object with <paramref name="items"/> items; other flags never reach here.</summary>
    public static OvalResult Evaluate(string checkExistence, CollectedFlag flag, int items)
    {
        var incomplete = flag == CollectedFlag.Incomplete;
        return checkExistence switch
        {
            // Every item collected exists, so all_exist is "at least one exists"; an incomplete
            // object with none found might still have some.
            "all_exist" or "at_least_one_exists" => items > 0 ? OvalResult.True : incomplete ? OvalResult.Unknown : OvalResult.False,
            "any_exist" => OvalResult.True,
            "none_exist" => items > 0 ? OvalResult.False : incomplete ? OvalResult.Unknown : OvalResult.True,
            "only_one_exists" => items > 1 ? OvalResult.False
                : incomplete ? OvalResult.Unknown
                : items == 1 ? OvalResult.True : OvalResult.False,
            _ => OvalResult.Error,
        };
    }

    /// <summary>
    /// The check over the items found when the object is incomplete: the missing items could
    /// turn the answer, unless the items found already decide it (one false item makes "all"
    /// false whatever the rest are).
    /// </summary>
    public static OvalResult WhenIncomplete(string check, OvalResult result, int trueItems) => (check, result) switch
    {
        ("all" or "none satisfy" or "none exist", OvalResult.True) => OvalResult.Unknown,
        ("at least one", OvalResult.False) => OvalResult.Unknown,
        ("only one", OvalResult.True) => OvalResult.Unknown,
        ("only one", OvalResult.False) when trueItems < 2 => OvalResult.Unknown,
        _ => result,
    };
}
