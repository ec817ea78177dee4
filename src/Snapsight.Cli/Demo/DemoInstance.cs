namespace Snapsight.Cli.Demo;

/// <summary>One instance of the demo fleet as <c>fleet.tsv</c> lists it (tests/images/build-demo-fleet).</summary>
internal sealed record DemoInstance(string Name, string AccountId, string Region, string Release, IReadOnlyList<string> VolumeImages, string Why);
