namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>
/// A fleet a real server process has discovered and scanned once, in one cloud: what the crash test
/// (<see cref="CrashSafetyTests"/>) needs to kill it, sign in again and check what the cloud holds afterwards.
/// </summary>
public interface IScannedFleet : IAsyncDisposable
{
    /// <summary>The server, started, every asset scanned once.</summary>
    ServerProcess Server { get; }

    /// <summary>A client of the server signed in as the fleet's admin with a bearer token.</summary>
    Task<HttpClient> SignInAsync();

    /// <summary>Makes the cloud misbehave for the server's next life, as the test's random draws say (or not at all).</summary>
    void Disturb(Random random);

    /// <summary>Every snapshot of ours the cloud still holds, read from the cloud itself, each described with its run's state.</summary>
    Task<List<string>> LeftoverSnapshotsAsync(HttpClient http);

    /// <summary>Every call the cloud refused for want of a permission its templates grant: none is expected.</summary>
    IReadOnlyList<string> Denials { get; }
}
