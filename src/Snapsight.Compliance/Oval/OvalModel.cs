using Snapsight.Compliance.DataStreams;

namespace Snapsight.Compliance.Oval;

/// <summary>An OVAL 5.11 definitions document, each part keyed by id.</summary>
public sealed record OvalDefinitions(
    IReadOnlyDictionary<string, OvalDefinition> Definitions,
    IReadOnlyDictionary<string, OvalTest> Tests,
    IReadOnlyDictionary<string, OvalObject> Objects,
    IReadOnlyDictionary<string, OvalState> States,
    IReadOnlyDictionary<string, OvalVariable> Variables);

/// <summary>A test, object or state type: the element's local name and its schema family (<c>independent</c>, <c>unix</c>, <c>linux</c>; empty for the core schema).</summary>
public sealed record OvalTypeName(string Name, string Family);

public sealed record OvalDefinition(string Id, string Class, string Title, OvalCriteria? Criteria);

/// <summary>A node of a definition's criteria tree.</summary>
public abstract record OvalCriteriaNode(bool Negate);

public sealed record OvalCriteria(string Operator, bool Negate, IReadOnlyList<OvalCriteriaNode> Children) : OvalCriteriaNode(Negate);

public sealed record OvalCriterion(string TestRef, bool Negate) : OvalCriteriaNode(Negate);

public sealed record OvalExtendDefinition(string DefinitionRef, bool Negate) : OvalCriteriaNode(Negate);

/// <summary>A test; the OVAL defaults apply when the content leaves an attribute out.</summary>
public sealed record OvalTest(
    string Id,
    OvalTypeName Type,
    string Check,
    string CheckExistence,
    string StateOperator,
    string? ObjectRef,
    IReadOnlyList<string> StateRefs);

/// <summary>An object, its type-specific children kept raw (entities with operation, datatype, var_ref; <c>set</c>; <c>filter</c>).</summary>
public sealed record OvalObject(string Id, OvalTypeName Type, IReadOnlyList<RawElement> Children)
{
    public RawElement? Set => Children.FirstOrDefault(c => c.Name == "set");

    public IEnumerable<RawElement> Filters => Children.Where(c => c.Name == "filter");
}

/// <summary>A state; <see cref="Operator"/> combines its entities' results (AND when the content leaves it out).</summary>
public sealed record OvalState(string Id, OvalTypeName Type, IReadOnlyList<RawElement> Children, string Operator = "AND");

/// <summary>A variable: <see cref="Kind"/> is external, constant or local; the values or component tree stay raw.</summary>
public sealed record OvalVariable(string Id, string Kind, string Datatype, IReadOnlyList<RawElement> Children);
