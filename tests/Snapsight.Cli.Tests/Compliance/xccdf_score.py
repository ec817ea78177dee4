"""The XCCDF 1.2 default scoring model (spec section 7.3.2.1), the score oracle of the compliance CLI tests.

Usage: xccdf_score.py BENCHMARK_XML [RESULTS_XML]
  BENCHMARK_XML: a file holding an XCCDF 1.2 Benchmark (a source data stream, or OpenSCAP's results file).
  RESULTS_XML:   OpenSCAP's results file; its TestResult's rule results are scored and its own <score> printed after ours.
  Without RESULTS_XML, "rule-id<TAB>result" lines are read from standard input.
Prints the score (and OpenSCAP's), one per line.
"""
import sys
import xml.etree.ElementTree as ET

NS = "{http://checklists.nist.gov/xccdf/1.2}"
EXCLUDED = {"notselected", "notapplicable", "informational", "notchecked"}


def weight(element):
    return float(element.get("weight", "1"))


def score(item, results):
    """(score, counted) of a Rule or Group; a Group scores the weighted mean of its counted children."""
    if item.tag == NS + "Rule":
        result = results.get(item.get("id"), "notselected")
        if result in EXCLUDED:
            return 0.0, False
        return (100.0 if result in ("pass", "fixed") else 0.0), True
    total = weights = 0.0
    counted = False
    for child in item:
        if child.tag in (NS + "Rule", NS + "Group"):
            child_score, child_counted = score(child, results)
            if child_counted:
                total += child_score * weight(child)
                weights += weight(child)
                counted = True
    return (total / weights if weights else 0.0), counted


def main():
    benchmark = next(ET.parse(sys.argv[1]).getroot().iter(NS + "Benchmark"))
    if len(sys.argv) > 2:
        test_result = next(ET.parse(sys.argv[2]).getroot().iter(NS + "TestResult"))
        results = {r.get("idref"): r.find(NS + "result").text for r in test_result.iter(NS + "rule-result")}
        oscap = float(test_result.find(NS + "score").text)
    else:
        results = dict(line.rstrip("\n").split("\t") for line in sys.stdin if line.strip())
        oscap = None
    print("%.6f" % score(benchmark, results)[0])
    if oscap is not None:
        print("%.6f" % oscap)


main()
