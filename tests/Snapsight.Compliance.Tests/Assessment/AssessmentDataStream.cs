namespace Snapsight.Compliance.Tests.Assessment;

/// <summary>
/// A hand-written data stream with one rule for each way XCCDF turns a check into a result, a
/// CPE dictionary and platform specification for applicability, and a value a profile refines.
/// The tree it is evaluated against (<see cref="AssessmentTests"/>) has /etc/a, /etc/release
/// ("os 1") and /etc/conf ("x=2").
/// </summary>
internal static class AssessmentDataStream
{
    public const string Text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ds:data-stream-collection xmlns:ds="http://scap.nist.gov/schema/scap/source/1.2" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:cat="urn:oasis:names:tc:entity:xmlns:xml:catalog" id="coll">
          <ds:data-stream id="stream" scap-version="1.3">
            <ds:dictionaries>
              <ds:component-ref id="cref-dict" xlink:href="#comp-dict">
                <cat:catalog><cat:uri name="t-cpe-oval.xml" uri="#cref-cpe-oval"/></cat:catalog>
              </ds:component-ref>
            </ds:dictionaries>
            <ds:checklists>
              <ds:component-ref id="cref-xccdf" xlink:href="#comp-xccdf">
                <cat:catalog>
                  <cat:uri name="t-oval.xml" uri="#cref-oval"/>
                  <cat:uri name="remote-cves.xml" uri="#cref-remote"/>
                </cat:catalog>
              </ds:component-ref>
            </ds:checklists>
            <ds:checks>
              <ds:component-ref id="cref-oval" xlink:href="#comp-oval"/>
              <ds:component-ref id="cref-cpe-oval" xlink:href="#comp-cpe-oval"/>
              <ds:component-ref id="cref-remote" xlink:href="https://example.org/cves.xml"/>
            </ds:checks>
          </ds:data-stream>
          <ds:component id="comp-dict">
            <cpe-list xmlns="http://cpe.mitre.org/dictionary/2.0">
              <cpe-item name="cpe:/o:test:os:1">
                <title>Test OS 1</title>
                <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5" href="t-cpe-oval.xml">oval:c:def:os1</check>
              </cpe-item>
              <cpe-item name="cpe:/a:never">
                <title>A package that is not installed</title>
                <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5" href="t-cpe-oval.xml">oval:c:def:never</check>
              </cpe-item>
            </cpe-list>
          </ds:component>
          <ds:component id="comp-xccdf">
            <Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" xmlns:cpe-lang="http://cpe.mitre.org/language/2.0" id="xccdf_t_benchmark_t">
              <title>Assessment test</title>
              <version>1</version>
              <platform idref="cpe:/o:test:os:1"/>
              <cpe-lang:platform-specification>
                <cpe-lang:platform id="never">
                  <cpe-lang:logical-test operator="AND" negate="false"><cpe-lang:fact-ref name="cpe:/a:never"/></cpe-lang:logical-test>
                </cpe-lang:platform>
                <cpe-lang:platform id="not_never">
                  <cpe-lang:logical-test operator="AND" negate="true"><cpe-lang:fact-ref name="cpe:/a:never"/></cpe-lang:logical-test>
                </cpe-lang:platform>
              </cpe-lang:platform-specification>
              <Profile id="xccdf_t_profile_strict">
                <title>Strict</title>
                <select idref="xccdf_t_rule_unselected" selected="false"/>
                <refine-value idref="xccdf_t_value_x" selector="two"/>
              </Profile>
              <Value id="xccdf_t_value_x" type="string">
                <value>1</value>
                <value selector="two">2</value>
              </Value>
              <Group id="xccdf_t_group_files">
                <title>Files</title>
                <Rule id="xccdf_t_rule_pass" severity="high"><title>/etc/a exists</title>
                  <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5"><check-content-ref href="t-oval.xml" name="oval:t:def:a"/></check>
                </Rule>
                <Rule id="xccdf_t_rule_fail" severity="medium"><title>/etc/missing exists</title>
                  <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5"><check-content-ref href="t-oval.xml" name="oval:t:def:missing"/></check>
                </Rule>
              </Group>
              <Rule id="xccdf_t_rule_negated"><title>/etc/missing does not exist (negated check)</title>
                <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5" negate="true"><check-content-ref href="t-oval.xml" name="oval:t:def:missing"/></check>
              </Rule>
              <Rule id="xccdf_t_rule_vulnerable"><title>A vulnerability definition that is true</title>
                <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5"><check-content-ref href="t-oval.xml" name="oval:t:def:vulnerable"/></check>
              </Rule>
              <Rule id="xccdf_t_rule_manual"><title>Only a questionnaire</title>
                <check system="http://scap.nist.gov/schema/ocil/2"><check-content-ref href="t-ocil.xml" name="q1"/></check>
              </Rule>
              <Rule id="xccdf_t_rule_remote"><title>Content at a URL</title>
                <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5" multi-check="true"><check-content-ref href="remote-cves.xml"/></check>
              </Rule>
              <Rule id="xccdf_t_rule_not_applicable"><platform idref="#never"/><title>Only where the package is</title>
                <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5"><check-content-ref href="t-oval.xml" name="oval:t:def:a"/></check>
              </Rule>
              <Rule id="xccdf_t_rule_applicable"><platform idref="#not_never"/><title>Only where the package is not</title>
                <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5"><check-content-ref href="t-oval.xml" name="oval:t:def:missing"/></check>
              </Rule>
              <Rule id="xccdf_t_rule_running"><title>A kernel parameter</title>
                <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5"><check-content-ref href="t-oval.xml" name="oval:t:def:sysctl"/></check>
              </Rule>
              <Rule id="xccdf_t_rule_value"><title>x is the value in force</title>
                <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5">
                  <check-export export-name="oval:t:var:x" value-id="xccdf_t_value_x"/>
                  <check-content-ref href="t-oval.xml" name="oval:t:def:value"/>
                </check>
              </Rule>
              <Rule id="xccdf_t_rule_unselected"><title>Left out by the profile</title>
                <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5"><check-content-ref href="t-oval.xml" name="oval:t:def:a"/></check>
              </Rule>
            </Benchmark>
          </ds:component>
          <ds:component id="comp-oval">
            <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5" xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent" xmlns:unix="http://oval.mitre.org/XMLSchema/oval-definitions-5#unix" xmlns:linux="http://oval.mitre.org/XMLSchema/oval-definitions-5#linux">
              <definitions>
                <definition id="oval:t:def:a" class="compliance" version="1"><metadata><title>a</title></metadata>
                  <criteria><criterion test_ref="oval:t:tst:a"/></criteria></definition>
                <definition id="oval:t:def:missing" class="compliance" version="1"><metadata><title>missing</title></metadata>
                  <criteria><criterion test_ref="oval:t:tst:missing"/></criteria></definition>
                <definition id="oval:t:def:vulnerable" class="vulnerability" version="1"><metadata><title>vulnerable</title></metadata>
                  <criteria><criterion test_ref="oval:t:tst:a"/></criteria></definition>
                <definition id="oval:t:def:sysctl" class="compliance" version="1"><metadata><title>sysctl</title></metadata>
                  <criteria><criterion test_ref="oval:t:tst:sysctl"/></criteria></definition>
                <definition id="oval:t:def:value" class="compliance" version="1"><metadata><title>value</title></metadata>
                  <criteria><criterion test_ref="oval:t:tst:value"/></criteria></definition>
              </definitions>
              <tests>
                <unix:file_test id="oval:t:tst:a" check="all" check_existence="all_exist" version="1"><unix:object object_ref="oval:t:obj:a"/></unix:file_test>
                <unix:file_test id="oval:t:tst:missing" check="all" check_existence="all_exist" version="1"><unix:object object_ref="oval:t:obj:missing"/></unix:file_test>
                <unix:sysctl_test id="oval:t:tst:sysctl" check="all" version="1"><unix:object object_ref="oval:t:obj:sysctl"/></unix:sysctl_test>
                <ind:textfilecontent54_test id="oval:t:tst:value" check="all" check_existence="all_exist" version="1">
                  <ind:object object_ref="oval:t:obj:conf"/><ind:state state_ref="oval:t:ste:x"/>
                </ind:textfilecontent54_test>
              </tests>
              <objects>
                <unix:file_object id="oval:t:obj:a" version="1"><unix:filepath>/etc/a</unix:filepath></unix:file_object>
                <unix:file_object id="oval:t:obj:missing" version="1"><unix:filepath>/etc/missing</unix:filepath></unix:file_object>
                <unix:sysctl_object id="oval:t:obj:sysctl" version="1"><unix:name>kernel.randomize_va_space</unix:name></unix:sysctl_object>
                <ind:textfilecontent54_object id="oval:t:obj:conf" version="1">
                  <ind:filepath>/etc/conf</ind:filepath>
                  <ind:pattern operation="pattern match">^x=(\d+)$</ind:pattern>
                  <ind:instance datatype="int">1</ind:instance>
                </ind:textfilecontent54_object>
              </objects>
              <states>
                <ind:textfilecontent54_state id="oval:t:ste:x" version="1"><ind:subexpression var_ref="oval:t:var:x"/></ind:textfilecontent54_state>
              </states>
              <variables>
                <external_variable id="oval:t:var:x" datatype="string" version="1" comment="x"/>
              </variables>
            </oval_definitions>
          </ds:component>
          <ds:component id="comp-cpe-oval">
            <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5" xmlns:ind="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent" xmlns:unix="http://oval.mitre.org/XMLSchema/oval-definitions-5#unix">
              <definitions>
                <definition id="oval:c:def:os1" class="inventory" version="1"><metadata><title>os 1</title></metadata>
                  <criteria><criterion test_ref="oval:c:tst:os1"/></criteria></definition>
                <definition id="oval:c:def:never" class="inventory" version="1"><metadata><title>never</title></metadata>
                  <criteria><criterion test_ref="oval:c:tst:never"/></criteria></definition>
              </definitions>
              <tests>
                <ind:textfilecontent54_test id="oval:c:tst:os1" check="all" check_existence="at_least_one_exists" version="1"><ind:object object_ref="oval:c:obj:os1"/></ind:textfilecontent54_test>
                <unix:file_test id="oval:c:tst:never" check="all" check_existence="all_exist" version="1"><unix:object object_ref="oval:c:obj:never"/></unix:file_test>
              </tests>
              <objects>
                <ind:textfilecontent54_object id="oval:c:obj:os1" version="1">
                  <ind:filepath>/etc/release</ind:filepath>
                  <ind:pattern operation="pattern match">^os 1$</ind:pattern>
                  <ind:instance datatype="int">1</ind:instance>
                </ind:textfilecontent54_object>
                <unix:file_object id="oval:c:obj:never" version="1"><unix:filepath>/usr/bin/never</unix:filepath></unix:file_object>
              </objects>
            </oval_definitions>
          </ds:component>
        </ds:data-stream-collection>
        """;
}
