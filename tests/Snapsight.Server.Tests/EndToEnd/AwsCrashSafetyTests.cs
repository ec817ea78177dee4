using Snapsight.Control.Persistence;
using Snapsight.Server.Tests.Support;
using Xunit.Abstractions;

namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>The crash test on the AWS fake, where each life also meets throttling and 5xx answers (<see cref="AwsScannedFleet.Disturb"/>).</summary>
[Collection(Collection)]
public sealed class AwsCrashSafetyTests(ITestOutputHelper output)
    : CrashSafetyTests(output, killsDuringScansWanted: 25, async (temp, log) => await AwsScannedFleet.StartAsync(temp, DatabaseProvider.Sqlite, log))
{
    /// <summary>One of the longest collections (<see cref="LongestCollectionsFirst"/>).</summary>
    public const string Collection = "crash safety: aws";
}
