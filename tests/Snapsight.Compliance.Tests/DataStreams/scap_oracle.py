#!/usr/bin/python3
"""Second reader for the data stream tests: python3's xml.etree, written from the SCAP,
XCCDF 1.2 and OVAL 5.11 specifications independently of the C# reader. Prints one JSON
object per data stream file given: counts, each rule's OVAL definition, and every profile
resolved (extends followed, a rule selected only with every group around it)."""
import json, sys
import xml.etree.ElementTree as ET

DS = '{http://scap.nist.gov/schema/scap/source/1.2}'
X = '{http://checklists.nist.gov/xccdf/1.2}'
OVAL = '{http://oval.mitre.org/XMLSchema/oval-definitions-5}'
CAT = '{urn:oasis:names:tc:entity:xmlns:xml:catalog}'
XLINK = '{http://www.w3.org/1999/xlink}href'
CPELANG = '{http://cpe.mitre.org/language/2.0}'
CPEDICT = '{http://cpe.mitre.org/dictionary/2.0}'

def flag(e, default=True):
    v = e.get('selected')
    return default if v is None else v in ('true', '1')

def describe(path):
    root = ET.parse(path).getroot()
    comps = {c.get('id'): c for c in root.findall(DS + 'component')}
    stream = root.find(DS + 'data-stream')
    checklist = stream.find(DS + 'checklists/' + DS + 'component-ref')
    bench = comps[checklist.get(XLINK)[1:]].find(X + 'Benchmark')
    refs = {r.get('id'): r for r in stream.iter(DS + 'component-ref')}
    oval_href, oval = None, None
    for uri in checklist.iter(CAT + 'uri'):
        target = refs[uri.get('uri')[1:]].get(XLINK)
        if not target.startswith('#'):
            continue  # a vendor feed by URL, not part of the document
        comp = comps[target[1:]]
        doc = comp.find(OVAL + 'oval_definitions')
        if doc is not None and uri.get('name').endswith('-oval.xml') and oval is None:
            oval_href, oval = uri.get('name'), doc

    rules = []  # (rule, ancestor groups)
    def walk(item, ancestors):
        for child in item:
            if child.tag == X + 'Rule':
                rules.append((child, ancestors))
            elif child.tag == X + 'Group':
                walk(child, ancestors + [child])
    walk(bench, [])
    values = list(bench.iter(X + 'Value'))
    profiles = {p.get('id'): p for p in bench.findall(X + 'Profile')}

    def resolve(pid):
        chain = []
        while pid is not None:
            chain.insert(0, profiles[pid])
            pid = profiles[pid].get('extends')
        sel, val = {}, {}
        for p in chain:
            for s in p.findall(X + 'select'):
                sel[s.get('idref')] = flag(s)
            for r in p.findall(X + 'refine-value'):
                val[r.get('idref')] = ('selector', r.get('selector'))
            for s in p.findall(X + 'set-value'):
                val[s.get('idref')] = ('set', (s.text or '').strip())
        on = lambda e: sel.get(e.get('id'), flag(e))
        selected = [r.get('id') for r, anc in rules if on(r) and all(on(g) for g in anc)]
        effective = {}
        for v in values:
            if v.get('id') not in val:
                continue
            how, what = val[v.get('id')]
            if how == 'set':
                effective[v.get('id')] = what
                continue
            choices = {c.get('selector'): (c.text or '').strip() for c in v.findall(X + 'value')}
            chosen = choices.get(what, choices.get(None))
            if chosen is not None:
                effective[v.get('id')] = chosen
        return {'selected': selected, 'values': effective}

    def oval_checks(rule):
        for check in rule.findall(X + 'check'):
            if check.get('system') == 'http://oval.mitre.org/XMLSchema/oval-definitions-5':
                for ref in check.findall(X + 'check-content-ref'):
                    return ref.get('name')
        return None

    def local(tag):
        return tag.split('}')[-1]

    def family(tag):
        ns = tag[1:].split('}')[0]
        return ns.split('#')[1] if '#' in ns else ''

    def negated(e):
        return '!' if e.get('negate') in ('true', '1') else ''

    def criteria(e):
        if local(e.tag) == 'criterion':
            return negated(e) + 'T:' + e.get('test_ref')
        if local(e.tag) == 'extend_definition':
            return negated(e) + 'E:' + e.get('definition_ref')
        return (e.get('operator') or 'AND') + negated(e) + '(' + ','.join(criteria(c) for c in e) + ')'

    def items(name):
        return list(oval.find(OVAL + name) or []) if oval is not None else []

    def test_shape(t):
        obj = [c.get('object_ref') for c in t if local(c.tag) == 'object']
        return [local(t.tag), family(t.tag), t.get('check') or 'all', t.get('check_existence') or 'at_least_one_exists',
                t.get('state_operator') or 'AND', obj[0] if obj else None, [c.get('state_ref') for c in t if local(c.tag) == 'state']]

    def definition_shape(d):
        c = d.find(OVAL + 'criteria')
        return d.get('class') + ' ' + (criteria(c) if c is not None else '-')

    def entity_shape(o):
        return [local(o.tag), family(o.tag), [local(c.tag) for c in o if local(c.tag) not in ('notes', 'Signature')]]

    def logical_test(t):
        parts = [logical_test(c) for c in t.findall(CPELANG + 'logical-test')]
        parts += ['F:' + f.get('name') for f in t.findall(CPELANG + 'fact-ref')]
        parts += ['C:' + c.get('href') + '#' + c.get('id-ref') for c in t.findall(CPELANG + 'check-fact-ref')]
        return t.get('operator') + negated(t) + '(' + ','.join(parts) + ')'

    spec = bench.find(CPELANG + 'platform-specification')
    dictionary = stream.find(DS + 'dictionaries/' + DS + 'component-ref')
    cpe_checks = {}
    if dictionary is not None:
        for item in comps[dictionary.get(XLINK)[1:]].iter(CPEDICT + 'cpe-item'):
            for check in item.findall(CPEDICT + 'check'):
                if check.get('system') == 'http://oval.mitre.org/XMLSchema/oval-definitions-5':
                    cpe_checks[item.get('name')] = check.get('href') + '#' + (check.text or '').strip()
                    break

    section = lambda name: len(list(oval.find(OVAL + name) or [])) if oval is not None else 0
    return {
        'benchmark': bench.get('id'),
        'version': (bench.findtext(X + 'version') or '').strip(),
        'rules': len(rules),
        'groups': len(list(bench.iter(X + 'Group'))),
        'values': len(values),
        'rule_oval': {r.get('id'): oval_checks(r) for r, _ in rules},
        'oval_href': oval_href,
        'oval': {n: section(n) for n in ('definitions', 'tests', 'objects', 'states', 'variables')},
        'oval_definitions': {d.get('id'): definition_shape(d) for d in items('definitions')},
        'oval_tests': {t.get('id'): test_shape(t) for t in items('tests')},
        'oval_objects': {o.get('id'): entity_shape(o) for o in items('objects') + items('states')},
        'profiles': {pid: resolve(pid) for pid in profiles},
        'benchmark_platforms': [p.get('idref') for p in bench.findall(X + 'platform')],
        'platforms': {p.get('id'): logical_test(p.find(CPELANG + 'logical-test')) for p in (spec if spec is not None else [])},
        'cpe_checks': cpe_checks,
    }

print(json.dumps({path: describe(path) for path in sys.argv[1:]}))
