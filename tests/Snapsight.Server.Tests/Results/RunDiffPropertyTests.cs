using CsCheck;
using Snapsight.Control.Results;

namespace Snapsight.Server.Tests.Results;

/// <summary>
/// <see cref="RunDiff.Compute"/> as properties over random runs drawn from small alphabets (so that
/// runs overlap), each checked against plain set algebra written here.
/// </summary>
public sealed class RunDiffPropertyTests
{
    private static readonly Gen<FindingKey> Finding =
        Gen.Select(Gen.OneOfConst("CVE-1", "CVE-2", "CVE-3", "CVE-4", "DSA-5"), Gen.OneOfConst("bash", "zlib", "curl"),
            (id, package) => new FindingKey(id, package));

    private static readonly Gen<(PackageKey, string)> Package =
        Gen.Select(Gen.OneOfConst("bash", "zlib", "curl", "vim"), Gen.OneOfConst<string?>("amd64", "i386", null),
            Gen.OneOfConst("1.0", "1.1", "2.0"), (name, arch, version) => (new PackageKey("dpkg", name, arch), version));

    private static readonly Gen<(List<FindingKey> Current, List<FindingKey> Previous, HashSet<FindingKey> Earlier,
        List<(PackageKey, string)> CurrentPackages, List<(PackageKey, string)> PreviousPackages)> Runs =
        Gen.Select(Finding.List[0, 12], Finding.List[0, 12], Finding.HashSet[0, 12], Package.List[0, 10], Package.List[0, 10]);

    [Fact]
    public void Findings_split_into_new_reopened_unchanged_and_fixed_as_sets_say()
    {
        Runs.Sample(r =>
        {
            var diff = RunDiff.Compute(Guid.NewGuid(), Guid.NewGuid(), r.Current, r.Previous, r.Earlier, r.CurrentPackages, r.PreviousPackages);
            var current = r.Current.ToHashSet();
            var previous = r.Previous.ToHashSet();
            var unchanged = current.Intersect(previous).ToHashSet();

            // new ∪ reopened ∪ unchanged = current, and the three do not overlap.
            Assert.True(diff.New.Concat(diff.Reopened).Concat(unchanged).ToHashSet().SetEquals(current));
            Assert.Equal(current.Count, diff.New.Count + diff.Reopened.Count + diff.Unchanged);
            Assert.Equal(unchanged.Count, diff.Unchanged);
            // fixed ∩ current = ∅, and fixed ∪ unchanged = previous.
            Assert.Empty(diff.Fixed.Intersect(current));
            Assert.True(diff.Fixed.Concat(unchanged).ToHashSet().SetEquals(previous));
            // reopened ⊆ (current \ previous) ∩ earlier; new never seen before.
            Assert.All(diff.Reopened, k => Assert.True(!previous.Contains(k) && current.Contains(k) && r.Earlier.Contains(k)));
            Assert.All(diff.New, k => Assert.False(previous.Contains(k) || r.Earlier.Contains(k)));
            // No duplicates in any list.
            Assert.Equal(diff.New.Count, diff.New.Distinct().Count());
            Assert.Equal(diff.Fixed.Count, diff.Fixed.Distinct().Count());
        });
    }

    [Fact]
    public void Package_changes_match_a_set_computation_over_keys_and_version_sets()
    {
        Runs.Sample(r =>
        {
            var diff = RunDiff.Compute(Guid.NewGuid(), null, r.Current, r.Previous, r.Earlier, r.CurrentPackages, r.PreviousPackages);

            var now = VersionSets(r.CurrentPackages);
            var before = VersionSets(r.PreviousPackages);
            var added = now.Keys.Except(before.Keys).ToHashSet();
            var removed = before.Keys.Except(now.Keys).ToHashSet();
            var changed = now.Keys.Intersect(before.Keys).Where(k => !now[k].SetEquals(before[k])).ToHashSet();

            Assert.True(added.SetEquals(diff.Added));
            Assert.True(removed.SetEquals(diff.Removed));
            Assert.True(changed.SetEquals(diff.Changed.Select(c => c.Package)));
            Assert.All(diff.Changed, c =>
            {
                Assert.True(now[c.Package].SetEquals(c.Version.Split(", ")));
                Assert.True(before[c.Package].SetEquals(c.PreviousVersion.Split(", ")));
            });
        });
    }

    [Fact]
    public void A_run_compared_with_itself_changes_nothing_and_a_first_run_is_all_new()
    {
        Runs.Sample(r =>
        {
            var same = RunDiff.Compute(Guid.NewGuid(), Guid.NewGuid(), r.Current, r.Current, r.Earlier, r.CurrentPackages, r.CurrentPackages);
            Assert.Empty(same.New.Concat(same.Fixed).Concat(same.Reopened));
            Assert.Empty(same.Changed);
            Assert.Empty(same.Added.Concat(same.Removed));

            var first = RunDiff.Compute(Guid.NewGuid(), null, r.Current, [], new HashSet<FindingKey>(), r.CurrentPackages, []);
            Assert.True(first.New.ToHashSet().SetEquals(r.Current));
            Assert.Empty(first.Fixed);
            Assert.Equal(r.CurrentPackages.Select(p => p.Item1).ToHashSet(), first.Added.ToHashSet());
        });
    }

    private static Dictionary<PackageKey, HashSet<string>> VersionSets(List<(PackageKey Key, string Version)> packages)
    {
        var sets = new Dictionary<PackageKey, HashSet<string>>();
        foreach (var (key, version) in packages)
        {
            if (!sets.TryGetValue(key, out var set))
            {
                sets[key] = set = [];
            }

            set.Add(version);
        }

        return sets;
    }
}
