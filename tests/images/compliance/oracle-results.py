#!/usr/bin/python3
"""Reduces an `oscap xccdf eval --results` file to the oracle TSV the comparison tests read.

Usage: oracle-results.py RESULTS.xml KINDS.tsv OFFLINE.tsv > oracle.tsv
Columns: rule id, OpenSCAP's result, then file_based, uses_partition and object_types from
KINDS.tsv (rule-kinds.py on the same data stream), then oscap_offline_gap: yes when one of the
rule's object types is one OpenSCAP could not collect from this tree (OFFLINE.tsv, probe-flags.py
on offline-probes.xml: a flag other than complete for an object every real system has).
Rules the profile does not select (result notselected) are left out; rows keep the order of
the results file.
"""
import sys
import xml.etree.ElementTree as ET

X = '{http://checklists.nist.gov/xccdf/1.2}'


def read_tsv(path):
    with open(path, encoding='utf-8') as tsv:
        return [line.rstrip('\n').split('\t') for line in tsv]


def main(results_path, kinds_path, offline_path):
    rows = read_tsv(kinds_path)
    header, kinds = rows[0], {row[0]: row[1:] for row in rows[1:]}
    gaps = {row[0] for row in read_tsv(offline_path)[1:] if row[1] != 'complete'}
    test_results = list(ET.parse(results_path).getroot().iter(X + 'TestResult'))
    if len(test_results) != 1:
        sys.exit('%s: expected one TestResult, found %d' % (results_path, len(test_results)))
    out = sys.stdout
    out.write('rule\tresult\t' + '\t'.join(header[1:]) + '\toscap_offline_gap\n')
    for rule_result in test_results[0].iter(X + 'rule-result'):
        rule, result = rule_result.get('idref'), rule_result.find(X + 'result').text
        if result == 'notselected':
            continue
        if rule not in kinds:
            sys.exit('%s: rule %s is not in %s' % (results_path, rule, kinds_path))
        types = set(kinds[rule][2].split(','))
        out.write('%s\t%s\t%s\t%s\n' % (rule, result, '\t'.join(kinds[rule]), 'yes' if types & gaps else 'no'))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3])
