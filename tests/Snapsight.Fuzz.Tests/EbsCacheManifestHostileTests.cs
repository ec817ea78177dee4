using Snapsight.Disk.Tests.Support;
using Snapsight.Fuzz.Targets;

namespace Snapsight.Fuzz.Tests;

/// <summary>
/// Hostile corpus, the incremental block cache's manifest.json: the seeds of fuzz/corpus/ebs-cache-manifest.
/// The valid one names its snapshots; every other is set aside with a reason, within the hostile-input bar,
/// so the next scan reads in full rather than trusting a damaged manifest.
/// </summary>
public sealed class EbsCacheManifestHostileTests
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "corpus", "ebs-cache-manifest");

    public static TheoryData<string> Seeds => new(Directory.GetFiles(Corpus).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_seed_is_read_or_set_aside_with_a_reason(string name)
    {
        var input = File.ReadAllBytes(Path.Combine(Corpus, name));
        Assert.Null(HostileInput.Run(_ =>
        {
            new EbsCacheManifestFuzzTarget().Run(input);
            return Task.CompletedTask;
        }));
        var (last, kept, problem) = EbsCacheManifestFuzzTarget.Read(input);
        if (name == "valid.json")
        {
            Assert.Null(problem);
            Assert.Equal("snap-0123456789abcdef0", last);
            Assert.Equal(["snap-0123456789abcdef0", "snap-0123456789abcdef1"], kept);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(problem), $"{name} was accepted");
            Assert.Null(last);
            Assert.Empty(kept);
        }
    }
}
