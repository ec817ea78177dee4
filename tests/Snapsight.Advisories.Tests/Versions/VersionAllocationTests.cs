using Snapsight.Advisories.Versions;

namespace Snapsight.Advisories.Tests.Versions;

/// <summary>Matching compares millions of times: every comparer but Maven's compares without allocating.</summary>
public sealed class VersionAllocationTests
{
    public static TheoryData<string> Ecosystems() =>
        [.. VersionComparers.All.Select(c => c.Ecosystem).Where(e => e != VersionComparers.Maven)];

    [Theory]
    [MemberData(nameof(Ecosystems))]
    public void Comparing_allocates_nothing(string ecosystem)
    {
        var comparer = VersionComparers.For(ecosystem)!;
        string[] versions = ["1.2.3", "1:1.2.3-4", "1.2.3-rc.1+build", "1.2.3a_p1-r2", "1.0.0.dev1+local.1", "2.0~beta1", "1.2.3-1.el8", "1.0.0.0", "1.a.0.b.0"];
        // Warm up past tiered compilation, which allocates on its own.
        for (var i = 0; i < 200; i++)
        {
            CompareAll(comparer, versions);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        CompareAll(comparer, versions);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void CompareAll(IVersionComparer comparer, string[] versions)
    {
        foreach (var a in versions)
        {
            foreach (var b in versions)
            {
                comparer.TryCompare(a, b, out _);
            }
        }
    }
}
