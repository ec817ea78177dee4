using System.Text.RegularExpressions;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cli.Tests;

/// <summary>
/// The front's early hand-over in C (Native/front_dispatch.c) keeps the process for the verbs it lists; they must be
/// the front's own verbs: one it lacked would cost its start-up twice, one it listed wrongly a hand-over in .NET.
/// </summary>
public sealed class FrontDispatchVerbsTests
{
    [Fact]
    public void The_C_hand_over_keeps_exactly_the_verbs_the_front_serves()
    {
        var source = File.ReadAllText(Path.Combine(DebianImages.RepositoryRoot, "src", "Snapsight.Cli", "Native", "front_dispatch.c"));
        var list = Regex.Match(source, @"served_verbs\[\]\s*=\s*\{(?<verbs>[^}]*)\}");
        Assert.True(list.Success, "no served_verbs list in front_dispatch.c");

        var listed = Regex.Matches(list.Groups["verbs"].Value, "\"(?<verb>[^\"]+)\"").Select(m => m.Groups["verb"].Value).Order(StringComparer.Ordinal);
        var served = ImageVerbsFront.Build().Subcommands.Select(c => c.Name).Order(StringComparer.Ordinal);
        Assert.Equal(served, listed);
    }
}
