namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// How OVAL 5.11 combines several results into one: the criteria operators (OperatorEnumeration:
/// AND, OR, ONE, XOR) and the test checks (CheckEnumeration: all, at least one, none satisfy,
/// only one). Both tables count the results by kind; not applicable results are left out of the
/// count unless every result is not applicable. Nothing to combine is unknown, as OpenSCAP has it
/// (a state entity the item lacks, a state without entities).
/// </summary>
internal static class OvalResultTables
{
    /// <summary>Combines the results of a criteria's children (or a state's entities) with a criteria operator; an unknown operator is an error.</summary>
    public static OvalResult Combine(string @operator, IEnumerable<OvalResult> results) => @operator switch
    {
        "AND" => Check("all", results),
        "OR" => Check("at least one", results),
        "ONE" => Check("only one", results),
        "XOR" => Xor(Count.Of(results)),
        _ => OvalResult.Error,
    };

    /// <summary>Combines per-item (or per-value) results with a check; an unknown check is an error.</summary>
    public static OvalResult Check(string check, IEnumerable<OvalResult> results)
    {
        var count = Count.Of(results);
        if (count.None)
        {
            return OvalResult.Unknown;
        }

        if (count.AllNotApplicable)
        {
            return OvalResult.NotApplicable;
        }

        return check switch
        {
            "all" => count.False > 0 ? OvalResult.False : count.Undecided ?? OvalResult.True,
            "at least one" => count.True > 0 ? OvalResult.True : count.Undecided ?? OvalResult.False,
            "none satisfy" or "none exist" => count.True > 0 ? OvalResult.False : count.Undecided ?? OvalResult.True,
            "only one" => count.True > 1 ? OvalResult.False
                : count.Undecided is { } undecided ? undecided
                : count.True == 1 ? OvalResult.True : OvalResult.False,
            _ => OvalResult.Error,
        };
    }

    /// <summary>negate="true": true and false swap, every other result stays.</summary>
    public static OvalResult Negate(OvalResult result, bool negate) => !negate ? result : result switch
    {
        OvalResult.True => OvalResult.False,
        OvalResult.False => OvalResult.True,
        _ => result,
    };

    // XOR is true for an odd number of trues, once no result is undecided.
    private static OvalResult Xor(Count count) =>
        count.None ? OvalResult.Unknown
        : count.AllNotApplicable ? OvalResult.NotApplicable
        : count.Undecided ?? (count.True % 2 == 1 ? OvalResult.True : OvalResult.False);

    private readonly record struct Count(int True, int False, int Error, int Unknown, int NotEvaluated, int NotApplicable)
    {
        public bool None => True + False + Error + Unknown + NotEvaluated + NotApplicable == 0;

        public bool AllNotApplicable => NotApplicable > 0 && True + False + Error + Unknown + NotEvaluated == 0;

        /// <summary>What the undecided results make of the answer when the true and false ones do not settle it: error before unknown before not evaluated.</summary>
        public OvalResult? Undecided =>
            Error > 0 ? OvalResult.Error
            : Unknown > 0 ? OvalResult.Unknown
            : NotEvaluated > 0 ? OvalResult.NotEvaluated
            : null;

        public static Count Of(IEnumerable<OvalResult> results)
        {
            int t = 0, f = 0, e = 0, u = 0, ne = 0, na = 0;
            foreach (var result in results)
            {
                switch (result)
                {
                    case OvalResult.True: t++; break;
                    case OvalResult.False: f++; break;
                    case OvalResult.Error: e++; break;
                    case OvalResult.Unknown: u++; break;
                    case OvalResult.NotEvaluated: ne++; break;
                    default: na++; break;
                }
            }

            return new Count(t, f, e, u, ne, na);
        }
    }
}
