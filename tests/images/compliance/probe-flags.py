#!/usr/bin/python3
"""Says what OpenSCAP collected for each object of an `oscap oval eval --results` file.

Usage: probe-flags.py RESULTS.xml > flags.tsv
Columns: object type (local name without _object), OpenSCAP's collected-object flag
(complete, does not exist, not applicable, not collected, error, incomplete), items collected,
and OpenSCAP's first message for the object ("-" when none).
"""
import sys
import xml.etree.ElementTree as ET

RESULTS = '{http://oval.mitre.org/XMLSchema/oval-results-5}'
SC = '{http://oval.mitre.org/XMLSchema/oval-system-characteristics-5}'


def local(tag):
    return tag.rsplit('}', 1)[-1]


def main(path):
    root = ET.parse(path).getroot()
    types = {}
    for element in root.iter():
        name = local(element.tag)
        if name.endswith('_object') and element.get('id'):
            types[element.get('id')] = name[:-len('_object')]
    out = sys.stdout
    out.write('type\tflag\titems\tmessage\n')
    for collected in root.iter(SC + 'object'):
        if collected.get('id') not in types:
            continue
        messages = [(m.text or '').strip() for m in collected.findall(SC + 'message')]
        out.write('%s\t%s\t%d\t%s\n' % (
            types[collected.get('id')], collected.get('flag'),
            len(collected.findall(SC + 'reference')), messages[0] if messages and messages[0] else '-'))


if __name__ == '__main__':
    main(sys.argv[1])
