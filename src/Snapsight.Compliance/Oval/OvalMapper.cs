using Snapsight.Compliance.DataStreams;

namespace Snapsight.Compliance.Oval;

/// <summary>Turns the element tree of an OVAL <c>oval_definitions</c> document into <see cref="OvalDefinitions"/>.</summary>
internal static class OvalMapper
{
    public static OvalDefinitions Map(RawElement document) => new(
        Keyed(Section(document, "definitions"), MapDefinition, d => d.Id),
        Keyed(Section(document, "tests"), MapTest, t => t.Id),
        Keyed(Section(document, "objects"), e => new OvalObject(e.Required("id"), TypeOf(e), e.Children), o => o.Id),
        Keyed(Section(document, "states"), e => new OvalState(e.Required("id"), TypeOf(e), e.Children, e.Attribute("operator") ?? "AND"), s => s.Id),
        Keyed(Section(document, "variables"), MapVariable, v => v.Id));

    private static IEnumerable<RawElement> Section(RawElement document, string name) => document.Child(name)?.Children ?? [];

    private static Dictionary<string, T> Keyed<T>(IEnumerable<RawElement> elements, Func<RawElement, T> map, Func<T, string> id)
    {
        var keyed = new Dictionary<string, T>();
        foreach (var element in elements)
        {
            var item = map(element);
            if (!keyed.TryAdd(id(item), item))
            {
                throw new ScapFormatException(element.Name, element.Line, $"a second item with id {id(item)}");
            }
        }

        return keyed;
    }

    private static OvalDefinition MapDefinition(RawElement definition) => new(
        definition.Required("id"),
        definition.Required("class"),
        definition.Child("metadata")?.Child("title")?.Text ?? "",
        definition.Child("criteria") is { } criteria ? MapCriteria(criteria) : null);

    private static OvalCriteria MapCriteria(RawElement criteria) => new(
        criteria.Attribute("operator") ?? "AND",
        Negate(criteria),
        criteria.Children.Select(MapCriteriaNode).ToArray());

    private static OvalCriteriaNode MapCriteriaNode(RawElement node) => node.Name switch
    {
        "criteria" => MapCriteria(node),
        "criterion" => new OvalCriterion(node.Required("test_ref"), Negate(node)),
        "extend_definition" => new OvalExtendDefinition(node.Required("definition_ref"), Negate(node)),
        _ => throw new ScapFormatException(node.Name, node.Line, "not a criteria, criterion or extend_definition"),
    };

    private static OvalTest MapTest(RawElement test) => new(
        test.Required("id"),
        TypeOf(test),
        test.Attribute("check") ?? "all",
        test.Attribute("check_existence") ?? "at_least_one_exists",
        test.Attribute("state_operator") ?? "AND",
        test.Child("object")?.Required("object_ref"),
        test.ChildrenNamed("state").Select(s => s.Required("state_ref")).ToArray());

    private static OvalVariable MapVariable(RawElement variable) => new(
        variable.Required("id"),
        variable.Name.Replace("_variable", "", StringComparison.Ordinal),
        variable.Required("datatype"),
        variable.Children);

    private static OvalTypeName TypeOf(RawElement element)
    {
        var hash = element.Namespace.LastIndexOf('#');
        return new OvalTypeName(element.Name, hash < 0 ? "" : element.Namespace[(hash + 1)..]);
    }

    private static bool Negate(RawElement node) => node.Attribute("negate") is "true" or "1";
}
