using Snapsight.Server.Tests.EndToEnd;
using Snapsight.Server.Tests.WebConsole;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("Snapsight.Server.Tests.Support.LongestCollectionsFirst", "Snapsight.Server.Tests")]

namespace Snapsight.Server.Tests.Support;

/// <summary>
/// Starts the collections that take minutes first, the longest first, then the others in xunit's own order. xunit runs
/// one collection per core at once (two here), each to its end, taking the next from this order as one ends: a long
/// collection that comes late runs alone at the end while the other core has nothing left (the crash test ran alone
/// for the last five of CI's ten and a half minutes). Started first, the long ones run beside each other and the
/// short ones fill in around them.
/// </summary>
public sealed class LongestCollectionsFirst : ITestCollectionOrderer
{
    /// <summary>Longest first, as CI's test results timed them: about 3, 2 and 2 minutes.</summary>
    private static readonly string[] Longest = [LocalCrashSafetyTests.Collection, ConsoleCollection.Name, AwsCrashSafetyTests.Collection];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        var all = testCollections.ToList();
        var longest = all.Where(c => Longest.Contains(c.DisplayName)).OrderBy(c => Array.IndexOf(Longest, c.DisplayName));
        var others = new DefaultTestCollectionOrderer().OrderTestCollections(all.Where(c => !Longest.Contains(c.DisplayName)));
        return [.. longest, .. others];
    }
}
