namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// One entity of an object as the probe sees it, its variable already resolved: the values it
/// may take (several when a var_ref resolves to several), the operation and datatype to compare
/// with, and whether it is nil (<c>xsi:nil="true"</c>, e.g. a file object's filename when the
/// object names a directory).
/// </summary>
public sealed record ObjectEntity(string Name, string Operation, string Datatype, IReadOnlyList<string> Values, bool IsNil = false)
{
    /// <summary>The single value of an <c>equals</c> entity, for probes that look a thing up directly.</summary>
    public bool IsExact => Operation == "equals" && Values.Count >= 1;

    /// <summary>Whether a value found on the system is one this entity selects (any of its values, per the operation).</summary>
    public bool Matches(string candidate) => Values.Any(value => OvalComparison.Compare(Operation, Datatype, candidate, value) == OvalResult.True);
}
