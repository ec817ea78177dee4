using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cli.Tests;

/// <summary>
/// The native executables scripts/publish builds, which scripts/test publishes before the tests run: the front
/// <c>artifacts/bin/snapsight</c>, with its early hand-over in C (Native/front_dispatch.c), and
/// <c>artifacts/bin/all-verbs/snapsight</c>.
/// </summary>
public sealed class PublishedExecutablesTests : ImageVerbsFrontContract
{
    private static readonly string Front = Published("snapsight");
    private static readonly string AllVerbs = Published("all-verbs", "snapsight");

    protected override SnapsightProcess.Result RunAllVerbs(string[] args) => SnapsightProcess.RunPublished(AllVerbs, null, args);

    protected override SnapsightProcess.Result RunFront(string? allVerbs, string[] args) => SnapsightProcess.RunPublished(Front, allVerbs, args);

    [Fact]
    public void The_front_leaves_out_what_only_the_other_verbs_use()
    {
        // The feature switch lets the AOT compiler drop SQLite, the feeds, SCAP, XML, HTTP and the demo (6.6 MB against
        // 17 MB); a front that kept them would start as slowly as the all-verbs executable.
        var front = new FileInfo(Front).Length;
        var allVerbs = new FileInfo(AllVerbs).Length;
        Assert.True(front < allVerbs / 2, $"the front is {front} bytes, the all-verbs executable {allVerbs}");
    }

    private static string Published(params string[] path)
    {
        var executable = Path.Combine([DebianImages.RepositoryRoot, "artifacts", "bin", .. path]);
        return File.Exists(executable)
            ? executable
            : throw new InvalidOperationException($"{executable} is missing: run scripts/publish first (scripts/test does)");
    }
}
