using System.Reflection;
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

    [Fact]
    public void A_front_where_the_all_verbs_executable_belongs_is_reported_not_handed_over_to_forever()
    {
        var front = SnapsightProcess.RunPublished(Front, Front, "scan", "--help");

        Assert.Equal(2, front.ExitCode);
        Assert.Empty(front.Stdout);
        Assert.Contains($"{Front} is this front again", front.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A published executable, which must be of the same build as the code under test.</summary>
    private static string Published(params string[] path)
    {
        var executable = Path.Combine([DebianImages.RepositoryRoot, "artifacts", "bin", .. path]);
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{executable} is missing: run scripts/publish first (scripts/test does)");
        }

        var version = SnapsightProcess.RunPublished(executable, null, "--version").Text.Trim();
        var tested = typeof(ImageVerbsFront).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        return version == tested
            ? executable
            : throw new InvalidOperationException($"{executable} is version {version}, the code under test {tested}: run scripts/publish again");
    }
}
