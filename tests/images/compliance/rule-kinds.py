#!/usr/bin/python3
"""Says, for every rule of a SCAP source data stream, which OVAL object types decide its
result, and from that whether a file tree alone can answer it.

Usage: rule-kinds.py DATASTREAM > kinds.tsv
Columns: rule id, file_based (yes|no), uses_partition (yes|no), object types (sorted,
comma-separated; "-" when the rule has no OVAL check).

The types of a rule are those of every object reached from its OVAL definition AND from the
OVAL definitions behind its CPE platforms (benchmark, enclosing groups, the rule itself):
through criteria, extend_definition, test objects and states, var_ref to variables, local
variables' object_component, set object_reference and filter. A test without an object
(unknown_test) counts as its own type. Written on python3's xml.etree from the SCAP 1.3,
XCCDF 1.2, CPE 2.3 and OVAL 5.11 specifications.
"""
import sys
import xml.etree.ElementTree as ET

DS = '{http://scap.nist.gov/schema/scap/source/1.2}'
X = '{http://checklists.nist.gov/xccdf/1.2}'
OVAL = '{http://oval.mitre.org/XMLSchema/oval-definitions-5}'
CAT = '{urn:oasis:names:tc:entity:xmlns:xml:catalog}'
CPE_DICT = '{http://cpe.mitre.org/dictionary/2.0}'
CPE_LANG = '{http://cpe.mitre.org/language/2.0}'
XLINK = '{http://www.w3.org/1999/xlink}href'
OVAL_SYSTEM = 'http://oval.mitre.org/XMLSchema/oval-definitions-5'

# Object types a read-only file tree can answer (issue 5). "variable" (variable_object) only
# reads an OVAL variable, so it needs no system at all.
FILE_BASED = {
    'family', 'textfilecontent54', 'textfilecontent', 'file', 'symlink', 'dpkginfo', 'rpminfo',
    'partition', 'password', 'shadow', 'environmentvariable58', 'xmlfilecontent',
    'systemdunitproperty', 'systemdunitdependency', 'variable',
}
REFERENCE_ATTRIBUTES = ('object_ref', 'state_ref', 'var_ref', 'test_ref', 'definition_ref')
REFERENCE_ELEMENTS = ('object_reference', 'filter')


def local(tag):
    return tag.rsplit('}', 1)[-1]


class OvalDocument:
    """Every element with an id, and the types reached from a definition (memoised)."""

    def __init__(self, root):
        self.by_id = {}
        for section in root:
            for element in section:
                if element.get('id'):
                    self.by_id[element.get('id')] = element
        self.memo = {}

    def types_of(self, definition_id):
        if definition_id not in self.memo:
            self.memo[definition_id] = self._closure(definition_id)
        return self.memo[definition_id]

    def _closure(self, start):
        types, seen, pending = set(), set(), [start]
        while pending:
            ref = pending.pop()
            if ref in seen:
                continue
            seen.add(ref)
            element = self.by_id.get(ref)
            if element is None:
                types.add('missing:' + ref)
                continue
            name = local(element.tag)
            if name.endswith('_object'):
                types.add(name[:-len('_object')])
            elif name.endswith('_test') and not any(local(c.tag) == 'object' for c in element):
                types.add(name[:-len('_test')])
            for node in element.iter():
                for attribute in REFERENCE_ATTRIBUTES:
                    if node.get(attribute):
                        pending.append(node.get(attribute))
                if local(node.tag) in REFERENCE_ELEMENTS and node.text and node.text.strip():
                    pending.append(node.text.strip())
        return types


def main(path):
    root = ET.parse(path).getroot()
    components = {c.get('id'): c for c in root.findall(DS + 'component')}
    stream = root.find(DS + 'data-stream')
    refs = {r.get('id'): r for r in stream.iter(DS + 'component-ref')}
    # Every catalog of the stream: href (as a check names it) -> component, local ones only.
    by_href = {}
    for uri in stream.iter(CAT + 'uri'):
        target = refs[uri.get('uri')[1:]].get(XLINK)
        if target.startswith('#'):
            by_href[uri.get('name')] = components[target[1:]]
    ovals = {}

    def oval(href):
        if href not in ovals:
            document = by_href[href].find(OVAL + 'oval_definitions')
            ovals[href] = OvalDocument(document)
        return ovals[href]

    checklist = stream.find(DS + 'checklists/' + DS + 'component-ref')
    benchmark = components[checklist.get(XLINK)[1:]].find(X + 'Benchmark')

    # CPE name -> (OVAL href, definition id), from every CPE dictionary of the stream.
    cpe_checks = {}
    for component in components.values():
        for item in component.iter(CPE_DICT + 'cpe-item'):
            check = item.find(CPE_DICT + 'check')
            if check is not None and check.get('system') == OVAL_SYSTEM:
                cpe_checks[item.get('name')] = (check.get('href'), check.text.strip())
    # Platform id (CPE applicability language) -> the CPE names it tests.
    platforms = {}
    for platform in benchmark.iter(CPE_LANG + 'platform'):
        platforms['#' + platform.get('id')] = [f.get('name') for f in platform.iter(CPE_LANG + 'fact-ref')]

    def platform_types(idrefs):
        types = set()
        for idref in idrefs:
            for name in platforms.get(idref, [idref]):
                if name in cpe_checks:
                    href, definition = cpe_checks[name]
                    types |= oval(href).types_of(definition)
                else:
                    types.add('unknown-cpe:' + name)
        return types

    def platform_refs(element):
        return [p.get('idref') for p in element.findall(X + 'platform')]

    rows = []

    def walk(item, inherited):
        for child in item:
            if local(child.tag) not in ('Group', 'Rule'):
                continue
            here = inherited + platform_refs(child)
            if local(child.tag) == 'Group':
                walk(child, here)
                continue
            checks = [c for c in child.iter(X + 'check') if c.get('system') == OVAL_SYSTEM]
            content_refs = [r for c in checks for r in c.findall(X + 'check-content-ref')]
            if not content_refs:
                rows.append((child.get('id'), set()))
                continue
            types = platform_types(here)
            for ref in content_refs:
                types |= oval(ref.get('href')).types_of(ref.get('name'))
            rows.append((child.get('id'), types))

    walk(benchmark, platform_refs(benchmark))
    out = sys.stdout
    out.write('rule\tfile_based\tuses_partition\tobject_types\n')
    for rule, types in rows:
        file_based = bool(types) and types <= FILE_BASED
        out.write('%s\t%s\t%s\t%s\n' % (
            rule, 'yes' if file_based else 'no', 'yes' if 'partition' in types else 'no',
            ','.join(sorted(types)) if types else '-'))


if __name__ == '__main__':
    main(sys.argv[1])
