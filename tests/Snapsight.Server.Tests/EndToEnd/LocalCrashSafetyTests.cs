using Snapsight.Server.Tests.Support;
using Xunit.Abstractions;

namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>The crash test in the local cloud as the demo sets it up: the kills are its only faults.</summary>
[Collection(Collection)]
public sealed class LocalCrashSafetyTests(ITestOutputHelper output)
    : CrashSafetyTests(output, killsDuringScansWanted: 50, async (temp, log) => await DemoScannedFleet.StartAsync(temp, log))
{
    /// <summary>The longest collection of all (<see cref="LongestCollectionsFirst"/>).</summary>
    public const string Collection = "crash safety: local";
}
