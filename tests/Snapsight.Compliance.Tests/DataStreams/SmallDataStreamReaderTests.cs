using Snapsight.Compliance.DataStreams;
using Snapsight.Compliance.Oval;
using Snapsight.Compliance.Xccdf;

namespace Snapsight.Compliance.Tests.DataStreams;

/// <summary>The small hand-written data stream, read construct by construct; the expected values argued from the specifications.</summary>
public sealed class SmallDataStreamReaderTests
{
    private static readonly DataStreamCollection Collection = ScapDataStreamReader.Read(new MemoryStream(SmallDataStream.Bytes(SmallDataStream.Text())));

    [Fact]
    public void The_checklist_and_its_catalog_are_followed()
    {
        Assert.Equal("stream", Collection.DataStreamId);
        Assert.Equal(["xccdf", "oval"], Collection.Components.Select(c => c.Kind));
        Assert.Equal("xccdf_bench", Collection.Benchmark.Id);
        Assert.Equal("Small benchmark", Collection.Benchmark.Title);
        Assert.Equal("1.2.3", Collection.Benchmark.Version);
        Assert.Equal(["small-oval.xml"], Collection.OvalByHref.Keys);
        // A catalog entry whose component-ref points at a URL is listed, never fetched.
        Assert.Equal("https://example.org/cves.xml", Collection.RemoteByHref["vendor-cves.xml"]);
    }

    [Fact]
    public void Rules_keep_severity_selection_platform_and_checks()
    {
        var (rule, ancestors) = Collection.Benchmark.AllRules().First();
        Assert.Equal(("xccdf_rule_shadow", "medium", false), (rule.Id, rule.Severity, rule.Selected));
        Assert.Equal(["xccdf_group_files"], ancestors.Select(g => g.Id));
        Assert.Equal(["#machine"], rule.Platforms);
        var check = Assert.Single(rule.Checks);
        Assert.Equal(new CheckContentRef("small-oval.xml", "oval:x:def:1"), Assert.Single(check.ContentRefs));
        Assert.Equal(new CheckExport("xccdf_value_mode", "oval:x:var:1"), Assert.Single(check.Exports));
        // XCCDF 1.2: severity defaults to "unknown" and selected to true when left out.
        var inOffGroup = Collection.Benchmark.AllRules().Single(r => r.Rule.Id == "xccdf_rule_in_off_group").Rule;
        Assert.Equal(("unknown", true), (inOffGroup.Severity, inOffGroup.Selected));
    }

    [Fact]
    public void Values_keep_their_default_and_selectors()
    {
        var mode = Collection.Benchmark.AllValues().Single(v => v.Id == "xccdf_value_mode");
        Assert.Equal(("number", "0644", "0600"), (mode.Type, mode.DefaultValue, mode.ValuesBySelector["strict"]));
        Assert.Equal("string", Collection.Benchmark.AllValues().Single(v => v.Id == "xccdf_value_name").Type);
    }

    [Fact]
    public void A_profile_inherits_what_it_extends()
    {
        // The child selects the hidden rule and its group, and inherits the base's shadow
        // selection and refinement; a rule selected by default=false needs its profile's select,
        // and the rule selected by default counts once its group is selected.
        var child = ProfileResolver.Resolve(Collection.Benchmark, "xccdf_child");
        Assert.Equal(["xccdf_rule_shadow", "xccdf_rule_hidden", "xccdf_rule_in_off_group"], child.SelectedRuleIds);
        Assert.Equal("0600", child.Values["xccdf_value_mode"]);
        Assert.Equal("root", child.Values["xccdf_value_name"]);
        Assert.Equal("Selects shadow only.", Collection.Benchmark.Profiles[0].Description);
    }

    [Fact]
    public void A_rule_in_an_unselected_group_is_not_selected()
    {
        var based = ProfileResolver.Resolve(Collection.Benchmark, "xccdf_base");
        Assert.Equal(["xccdf_rule_shadow"], based.SelectedRuleIds);
        Assert.False(based.Values.ContainsKey("xccdf_value_name"));
        Assert.Throws<ArgumentException>(() => ProfileResolver.Resolve(Collection.Benchmark, "xccdf_missing"));
    }

    [Fact]
    public void Oval_criteria_keep_operator_negation_and_extension()
    {
        var definition = Collection.OvalByHref["small-oval.xml"].Definitions["oval:x:def:1"];
        Assert.Equal(("compliance", "shadow is private"), (definition.Class, definition.Title));
        var criteria = definition.Criteria!;
        Assert.Equal(("OR", true), (criteria.Operator, criteria.Negate));
        Assert.Equal(new OvalCriterion("oval:x:tst:1", true), criteria.Children[0]);
        var inner = Assert.IsType<OvalCriteria>(criteria.Children[1]);
        // OVAL 5.11: operator defaults to AND, negate to false.
        Assert.Equal(("AND", false), (inner.Operator, inner.Negate));
        Assert.Equal(new OvalExtendDefinition("oval:x:def:2", false), Assert.Single(inner.Children));
        Assert.Null(Collection.OvalByHref["small-oval.xml"].Definitions["oval:x:def:2"].Criteria);
    }

    [Fact]
    public void Oval_tests_carry_type_family_and_defaults()
    {
        var oval = Collection.OvalByHref["small-oval.xml"];
        var file = oval.Tests["oval:x:tst:1"];
        Assert.Equal(new OvalTypeName("file_test", "unix"), file.Type);
        Assert.Equal(("all", "any_exist", "AND", "oval:x:obj:1"), (file.Check, file.CheckExistence, file.StateOperator, file.ObjectRef));
        Assert.Equal(["oval:x:ste:1"], file.StateRefs);
        // check_existence defaults to at_least_one_exists.
        var text = oval.Tests["oval:x:tst:2"];
        Assert.Equal(("independent", "at least one", "at_least_one_exists"), (text.Type.Family, text.Check, text.CheckExistence));
    }

    [Fact]
    public void Objects_states_and_variables_stay_raw()
    {
        var oval = Collection.OvalByHref["small-oval.xml"];
        var file = oval.Objects["oval:x:obj:1"];
        var path = file.Children[0];
        Assert.Equal(("filepath", "equals", "/etc/shadow"), (path.Name, path.Attribute("operation"), path.Text));
        Assert.Equal("oval:x:ste:1", Assert.Single(file.Filters).Text);
        Assert.Equal("UNION", oval.Objects["oval:x:obj:2"].Set!.Attribute("set_operator"));
        Assert.Equal("oval:x:var:1", oval.States["oval:x:ste:1"].Children[0].Attribute("var_ref"));
        Assert.Equal(("external", "int"), (oval.Variables["oval:x:var:1"].Kind, oval.Variables["oval:x:var:1"].Datatype));
        var concat = Assert.Single(oval.Variables["oval:x:var:2"].Children);
        Assert.Equal(["literal_component", "variable_component"], concat.Children.Select(c => c.Name));
    }
}
