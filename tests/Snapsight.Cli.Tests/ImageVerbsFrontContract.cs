using System.Text.Json.Nodes;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cli.Tests;

/// <summary>
/// What the front users run (<see cref="ImageVerbsFront"/>) must do, however it is built: serve the image verbs
/// itself, and hand everything else to the all-verbs executable so that it reads exactly as that executable alone
/// would answer it.
/// </summary>
public abstract class ImageVerbsFrontContract
{
    private const string Nowhere = "/nonexistent/all-verbs/snapsight";

    /// <summary>The all-verbs executable on its own.</summary>
    protected abstract SnapsightProcess.Result RunAllVerbs(string[] args);

    /// <summary>The front, handing over to <paramref name="allVerbs"/>, or where it looks by default when null.</summary>
    protected abstract SnapsightProcess.Result RunFront(string? allVerbs, string[] args);

    [Theory]
    [InlineData("--version")]
    [InlineData("--help")]
    [InlineData("scan", "--help")]
    [InlineData("db", "status", "--db", "/nonexistent/advisories.db")]
    [InlineData("compliance", "/nonexistent/disk.img", "--list-profiles", "--datastream", "/nonexistent/ds.xml")]
    [InlineData("invntory", "/tmp/disk.img")]
    [InlineData("inventory")]
    [InlineData("inventory", "--help")]
    [InlineData("inventory", "/tmp/disk.img", "--format", "yaml")]
    [InlineData("ls", "-rh", "/tmp/disk.img")]
    public void What_the_front_hands_over_reads_as_the_all_verbs_executable_alone(params string[] args)
    {
        var alone = RunAllVerbs(args);
        var front = RunFront(null, args);

        Assert.Equal((alone.ExitCode, alone.Text, alone.Stderr), (front.ExitCode, front.Text, front.Stderr));
    }

    [Fact]
    public void The_image_verbs_are_served_by_the_front_itself()
    {
        var image = DebianImages.Path("root-ext4.img");

        var cat = RunFront(Nowhere, ["cat", image, "/etc/os-release"]);
        Assert.Equal(0, cat.ExitCode);
        Assert.Equal(File.ReadAllBytes(DebianImages.Path("rootfs/etc/os-release")), cat.Stdout);

        var alone = RunAllVerbs(["inventory", image, "--format", "json"]);
        var front = RunFront(Nowhere, ["inventory", image, "--format", "json"]);
        Assert.Equal(0, front.ExitCode);
        Assert.Equal(WithoutStats(alone.Text), WithoutStats(front.Text));
    }

    [Fact]
    public void A_missing_all_verbs_executable_is_a_usage_error_that_says_where_it_was_looked_for()
    {
        var front = RunFront(Nowhere, ["scan", "image", "/tmp/disk.img"]);

        Assert.Equal(2, front.ExitCode);
        Assert.Empty(front.Stdout);
        Assert.Contains(Nowhere, front.Stderr, StringComparison.Ordinal);
        Assert.Contains(ImageVerbsFront.LocationVariable, front.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_all_verbs_executable_that_cannot_be_started_is_a_usage_error_that_says_why()
    {
        using var temp = new TempDirectory();
        var notExecutable = temp.File("snapsight");
        File.WriteAllText(notExecutable, "not a program\n");

        var front = RunFront(notExecutable, ["scan", "image", "/tmp/disk.img"]);

        Assert.Equal(2, front.ExitCode);
        Assert.Empty(front.Stdout);
        Assert.Contains($"cannot start {notExecutable}: Permission denied", front.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The report without its read statistics, whose elapsed time differs from run to run.</summary>
    private static string WithoutStats(string json)
    {
        var report = JsonNode.Parse(json)!.AsObject();
        Assert.True(report.Remove("stats"));
        return report.ToJsonString();
    }
}
