using Snapsight.Compliance.Assessment;
using Snapsight.Compliance.DataStreams;
using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Compliance.Tests.OracleFixtures;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;

namespace Snapsight.Compliance.Tests.Assessment;

/// <summary>
/// The issue's oracle: on every tree of tests/images/build-compliance-trees (real Debian 11
/// trees and variants, the Debian 10 content on a relabelled tree, a Fedora 36 tree of real rpms)
/// and every profile of the content, our result equals OpenSCAP's (oscap xccdf eval with
/// OSCAP_PROBE_ROOT on the same tree) for every rule whose OVAL objects a file tree can answer.
/// Left out are the rules OpenSCAP itself cannot answer from a tree (<see cref="OracleRuleResult.OscapOfflineGap"/>),
/// and those that ask dpkginfo: OpenSCAP 1.3.7's dpkginfo probe initialises APT from the host's
/// configuration and fails offline ("dpkginfo_init has failed"), reporting installed packages as
/// absent (OpenSCAP rewrote the probe in 1.3.10). Our dpkginfo is checked against dpkg-query instead.
/// </summary>
public sealed class OpenScapAgreementTests
{
    [Fact]
    public async Task Every_rule_a_file_tree_decides_matches_openscap_on_every_tree_and_profile()
    {
        var mismatches = new List<string>();
        var compared = 0;
        foreach (var byContent in ComplianceFixtures.Cases.GroupBy(c => c.Content))
        {
            DataStreamCollection content;
            await using (var stream = File.OpenRead(ComplianceFixtures.DataStreamPath(byContent.Key)))
            {
                content = ScapDataStreamReader.Read(stream);
            }

            foreach (var oracleCase in byContent)
            {
                using var fileSystem = new HostDirectoryFileSystem(oracleCase.TreePath);
                var assessment = await BenchmarkEvaluator.EvaluateAsync(content, oracleCase.ProfileId, new ProbeContext(new FileTree(fileSystem)));
                var ours = assessment.Rules.ToDictionary(r => r.Rule.Id, StringComparer.Ordinal);
                foreach (var expected in OracleRuleResult.ReadAll(oracleCase.OraclePath).Where(Decidable))
                {
                    compared++;
                    var outcome = ours[expected.RuleId];
                    if (RuleResultNames.Of(outcome.Result) != expected.Result)
                    {
                        mismatches.Add($"{oracleCase.Tree} {oracleCase.Profile} {expected.RuleId}: oscap {expected.Result}, ours {RuleResultNames.Of(outcome.Result)} ({outcome.Reason}; {string.Join("; ", outcome.Evidence.Take(3))})");
                    }
                }
            }
        }

        Assert.True(compared > 500, $"only {compared} rule results compared");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {compared} differ:\n" + string.Join("\n", mismatches));
    }

    private static bool Decidable(OracleRuleResult rule) => rule.FileBased && !rule.OscapOfflineGap && !rule.ObjectTypes.Contains("dpkginfo");
}
