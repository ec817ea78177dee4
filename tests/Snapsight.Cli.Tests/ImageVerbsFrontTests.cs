using System.Text.Json.Nodes;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cli.Tests;

/// <summary>
/// The front users run (<see cref="ImageVerbsFront"/>) serves the image verbs itself and hands everything else to the
/// all-verbs executable: whatever it hands over must read exactly as that executable alone would answer it.
/// </summary>
public sealed class ImageVerbsFrontTests
{
    private const string Nowhere = "/nonexistent/all-verbs/snapsight";

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
        var alone = SnapsightProcess.Run(args);
        var front = SnapsightProcess.RunAsFront(null, args);

        Assert.Equal((alone.ExitCode, alone.Text, alone.Stderr), (front.ExitCode, front.Text, front.Stderr));
    }

    [Fact]
    public void The_image_verbs_are_served_by_the_front_itself()
    {
        var image = DebianImages.Path("root-ext4.img");

        var cat = SnapsightProcess.RunAsFront(Nowhere, "cat", image, "/etc/os-release");
        Assert.Equal(0, cat.ExitCode);
        Assert.Equal(File.ReadAllBytes(DebianImages.Path("rootfs/etc/os-release")), cat.Stdout);

        var alone = SnapsightProcess.Run("inventory", image, "--format", "json");
        var front = SnapsightProcess.RunAsFront(Nowhere, "inventory", image, "--format", "json");
        Assert.Equal(0, front.ExitCode);
        Assert.Equal(WithoutStats(alone.Text), WithoutStats(front.Text));
    }

    [Fact]
    public void A_missing_all_verbs_executable_is_a_usage_error_that_says_where_it_was_looked_for()
    {
        var front = SnapsightProcess.RunAsFront(Nowhere, "scan", "image", "/tmp/disk.img");

        Assert.Equal(2, front.ExitCode);
        Assert.Empty(front.Stdout);
        Assert.Contains(Nowhere, front.Stderr, StringComparison.Ordinal);
        Assert.Contains(ImageVerbsFront.LocationVariable, front.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The report without its read statistics, whose elapsed time differs from run to run.</summary>
    private static string WithoutStats(string json)
    {
        var report = JsonNode.Parse(json)!.AsObject();
        Assert.True(report.Remove("stats"));
        return report.ToJsonString();
    }
}
