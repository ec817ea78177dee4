using Snapsight.Advisories.Tests.Update;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cli.Tests.Scan;

/// <summary><c>db update</c> from a mirror folder laid out like upstream (built from ../shared/data), as an air-gapped site runs it.</summary>
public sealed class DbUpdateCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly MirrorFolder mirror = new();

    public void Dispose()
    {
        mirror.Dispose();
        temp.Dispose();
    }

    [Fact]
    public void An_update_from_a_mirror_fills_the_database_and_a_failing_feed_leaves_it_untouched()
    {
        var db = Path.Combine(temp.Path, "advisories.db");

        var update = SnapsightProcess.Run(["db", "update", "--mirror", mirror.Root, "--only", "kev", "alas-2023", "osv-debian", "--db", db]);

        Assert.True(update.ExitCode == 0, update.Stderr);
        var status = SnapsightProcess.Run("db", "status", "--db", db);
        Assert.Contains("1,404", status.Text, StringComparison.Ordinal); // the complete KEV catalogue
        Assert.Contains("alas", status.Text, StringComparison.Ordinal);
        Assert.Contains("osv", status.Text, StringComparison.Ordinal);

        var before = File.ReadAllBytes(db);
        var failing = SnapsightProcess.Run("db", "update", "--mirror", mirror.Root, "--only", "epss", "--db", db);

        Assert.Equal(2, failing.ExitCode);
        Assert.Contains("epss", failing.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(db));
    }

    [Fact]
    public void An_unknown_feed_is_a_usage_error_that_lists_the_known_ones()
    {
        var result = SnapsightProcess.Run("db", "update", "--only", "nosuchfeed", "--db", Path.Combine(temp.Path, "x.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("osv-debian", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(temp.Path, "x.db")));
    }
}
