namespace Snapsight.Compliance.Tests.DataStreams;

/// <summary>
/// A hand-written data stream small enough to read in a test, with one of each construct the
/// reader maps. Its comments say what the SCAP, XCCDF 1.2 and OVAL 5.11 specifications make of it.
/// </summary>
internal static class SmallDataStream
{
    public const string ChecklistHref = "#comp-xccdf";

    public static string Text(string checklistHref = ChecklistHref, string ruleTitle = "Permissions on /etc/shadow") => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <ds:data-stream-collection xmlns:ds="http://scap.nist.gov/schema/scap/source/1.2" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:cat="urn:oasis:names:tc:entity:xmlns:xml:catalog" id="coll">
          <ds:data-stream id="stream" scap-version="1.3">
            <ds:checklists>
              <ds:component-ref id="cref-xccdf" xlink:href="{{checklistHref}}">
                <cat:catalog>
                  <cat:uri name="small-oval.xml" uri="#cref-oval"/>
                  <cat:uri name="vendor-cves.xml" uri="#cref-remote"/>
                </cat:catalog>
              </ds:component-ref>
            </ds:checklists>
            <ds:checks>
              <ds:component-ref id="cref-oval" xlink:href="#comp-oval"/>
              <ds:component-ref id="cref-remote" xlink:href="https://example.org/cves.xml"/>
            </ds:checks>
          </ds:data-stream>
          <ds:component id="comp-xccdf">
            <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" xmlns:h="http://www.w3.org/1999/xhtml" id="xccdf_bench">
              <title>Small <h:em>benchmark</h:em></title>
              <version>1.2.3</version>
              <Profile id="xccdf_base">
                <title>Base</title>
                <description>Selects <h:code>shadow</h:code> only.</description>
                <select idref="xccdf_rule_shadow" selected="true"/>
                <refine-value idref="xccdf_value_mode" selector="strict"/>
              </Profile>
              <Profile id="xccdf_child" extends="xccdf_base">
                <title>Child</title>
                <select idref="xccdf_rule_hidden" selected="true"/>
                <select idref="xccdf_group_off" selected="true"/>
                <set-value idref="xccdf_value_name">root</set-value>
              </Profile>
              <Value id="xccdf_value_mode" type="number">
                <value>0644</value>
                <value selector="strict">0600</value>
              </Value>
              <Group id="xccdf_group_files">
                <title>Files</title>
                <Value id="xccdf_value_name"><value>nobody</value></Value>
                <Rule id="xccdf_rule_shadow" severity="medium" selected="false">
                  <title>{{ruleTitle}}</title>
                  <rationale>Long prose that the reader drops.</rationale>
                  <platform idref="#machine"/>
                  <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5">
                    <check-export export-name="oval:x:var:1" value-id="xccdf_value_mode"/>
                    <check-content-ref href="small-oval.xml" name="oval:x:def:1"/>
                  </check>
                </Rule>
                <Group id="xccdf_group_off" selected="false">
                  <Rule id="xccdf_rule_hidden" selected="false"><title>Hidden</title></Rule>
                  <!-- Selected by default, but inside a group that is not. -->
                  <Rule id="xccdf_rule_in_off_group"><title>In an unselected group</title></Rule>
                </Group>
              </Group>
            </Benchmark>
          </ds:component>
          <ds:component id="comp-oval">
            <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5" xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent" xmlns:unix="http://oval.mitre.org/XMLSchema/oval-definitions-5#unix">
              <definitions>
                <definition id="oval:x:def:1" class="compliance" version="1">
                  <metadata><title>shadow is private</title></metadata>
                  <criteria operator="OR" negate="true">
                    <criterion test_ref="oval:x:tst:1" negate="true"/>
                    <criteria><extend_definition definition_ref="oval:x:def:2"/></criteria>
                  </criteria>
                </definition>
                <definition id="oval:x:def:2" class="inventory" version="1"><metadata><title>two</title></metadata></definition>
              </definitions>
              <tests>
                <unix:file_test id="oval:x:tst:1" check="all" check_existence="any_exist" version="1">
                  <unix:object object_ref="oval:x:obj:1"/>
                  <unix:state state_ref="oval:x:ste:1"/>
                </unix:file_test>
                <ind:textfilecontent54_test id="oval:x:tst:2" check="at least one" version="1">
                  <ind:object object_ref="oval:x:obj:2"/>
                </ind:textfilecontent54_test>
              </tests>
              <objects>
                <unix:file_object id="oval:x:obj:1" version="1">
                  <unix:filepath operation="equals" datatype="string">/etc/shadow</unix:filepath>
                  <filter action="include">oval:x:ste:1</filter>
                </unix:file_object>
                <ind:textfilecontent54_object id="oval:x:obj:2" version="1">
                  <set set_operator="UNION"><object_reference>oval:x:obj:1</object_reference></set>
                </ind:textfilecontent54_object>
              </objects>
              <states>
                <unix:file_state id="oval:x:ste:1" version="1"><unix:uread datatype="boolean" var_ref="oval:x:var:1">true</unix:uread></unix:file_state>
              </states>
              <variables>
                <external_variable id="oval:x:var:1" datatype="int" version="1"/>
                <local_variable id="oval:x:var:2" datatype="string" version="1" comment="c">
                  <concat><literal_component>a</literal_component><variable_component var_ref="oval:x:var:1"/></concat>
                </local_variable>
              </variables>
            </oval_definitions>
          </ds:component>
        </ds:data-stream-collection>
        """;

    public static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
