namespace Snapsight.Cli.Tests;

/// <summary>
/// The test suite's build run as the front (its feature switch on in a runtime configuration of its own), handing over
/// to the same build with every verb: the front's decisions, without the native build.
/// </summary>
public sealed class ImageVerbsFrontTests : ImageVerbsFrontContract
{
    protected override SnapsightProcess.Result RunAllVerbs(string[] args) => SnapsightProcess.Run(args);

    protected override SnapsightProcess.Result RunFront(string? allVerbs, string[] args) => SnapsightProcess.RunAsFront(allVerbs, args);
}
