using System.Text;
using Snapsight.Disk.Tests.Support;
using Snapsight.Fuzz.Targets;

namespace Snapsight.Fuzz.Tests;

/// <summary>
/// Hostile corpus, the EBS direct list answers: the seeds of fuzz/corpus/ebs-responses and inputs too
/// large to keep as files. Each must be refused with a message naming what is wrong, or accepted,
/// within the hostile-input bar.
/// </summary>
public sealed class EbsResponsesHostileTests
{
    private const string Volume = "\"BlockSize\":524288,\"VolumeSize\":64";

    /// <summary>Inputs too large to keep as files, by what they try.</summary>
    private static readonly Dictionary<string, string> Generated = new()
    {
        // JSON nested far past the reader's depth limit.
        ["deep nesting"] = "{\"Blocks\":" + new string('[', 100_000),
        // A hundred thousand nulls: refused at the first, with no block made for any.
        ["null block flood"] = "{" + Volume + ",\"Blocks\":[" + string.Join(',', Enumerable.Repeat("null", 100_000)) + "]}",
        // More blocks than the page size any request can ask for (10,000).
        ["oversized page"] = "{" + Volume + ",\"Blocks\":[" + string.Join(',', Enumerable.Range(0, 10_001).Select(i => $"{{\"BlockIndex\":{i},\"BlockToken\":\"AAAB\"}}")) + "]}",
        // A token of a megabyte.
        ["huge token"] = "{" + Volume + ",\"Blocks\":[{\"BlockIndex\":0,\"BlockToken\":\"" + new string('A', 1 << 20) + "\"}]}",
        // A number of a hundred thousand digits where an index goes.
        ["long number"] = "{" + Volume + ",\"Blocks\":[{\"BlockIndex\":" + new string('9', 100_000) + ",\"BlockToken\":\"AAAB\"}]}",
        // A member AWS might add later, of a megabyte, ignored.
        ["unknown member"] = "{" + Volume + ",\"Blocks\":[],\"Future\":\"" + new string('x', 1 << 20) + "\"}",
    };

    /// <summary>Every seed file of the corpus and every generated input, by name.</summary>
    public static TheoryData<string> Inputs => new([.. Directory.GetFiles(Corpus).Select(Path.GetFileName).Order(StringComparer.Ordinal)!, .. Generated.Keys]);

    [Theory]
    [MemberData(nameof(Inputs))]
    public void An_input_is_refused_or_accepted_within_the_hostile_input_bar(string name)
    {
        var input = Generated.TryGetValue(name, out var text) ? Encoding.UTF8.GetBytes(text) : File.ReadAllBytes(Path.Combine(Corpus, name));
        Assert.Null(HostileInput.Run(_ =>
        {
            new EbsResponsesFuzzTarget().Run(input);
            return Task.CompletedTask;
        }));
    }

    [Theory]
    [InlineData("list-valid.json", false)]
    [InlineData("changed-valid.json", true)]
    public void A_valid_seed_is_accepted_so_fuzzing_reaches_the_checks(string name, bool changedBlocks) =>
        Assert.Null(EbsResponsesFuzzTarget.Refusal(File.ReadAllBytes(Path.Combine(Corpus, name)), changedBlocks));

    [Theory]
    [InlineData("list-block-size-4096.json", "BlockSize is 4096, not 524288")]
    [InlineData("list-index-past-volume.json", "BlockIndex 2048, past the volume's 2048 blocks")]
    [InlineData("list-index-negative.json", "negative BlockIndex -1")]
    [InlineData("list-index-repeated.json", "Blocks[1] has BlockIndex 4, not after 4")]
    [InlineData("list-index-out-of-order.json", "Blocks[1] has BlockIndex 4, not after 9")]
    [InlineData("list-token-bad-alphabet.json", "Blocks[0] (block 1) has no valid BlockToken")]
    [InlineData("list-token-missing.json", "Blocks[0] (block 1) has no valid BlockToken")]
    [InlineData("list-block-null.json", "Blocks[0] is null")]
    [InlineData("list-volume-zero.json", "VolumeSize is 0 GiB")]
    [InlineData("list-volume-huge.json", "VolumeSize is 9223372036854775807 GiB")]
    [InlineData("list-expiry-negative.json", "ExpiryTime -5 is not a time")]
    [InlineData("list-next-token-bad.json", "NextToken is not a token")]
    [InlineData("list-index-string.json", "not the expected JSON")]
    [InlineData("list-duplicate-member.json", "not the expected JSON")]
    [InlineData("list-truncated.json", "not the expected JSON")]
    [InlineData("list-index-overflow.json", "not the expected JSON")]
    [InlineData("changed-no-tokens.json", "ChangedBlocks[0] (block 3) has no valid block token")]
    [InlineData("changed-tokens-null.json", "ChangedBlocks[0] (block 1) has no valid block token")]
    [InlineData("changed-token-bad-alphabet.json", "ChangedBlocks[0] (block 1) has no valid block token")]
    [InlineData("changed-index-out-of-order.json", "ChangedBlocks[1] has BlockIndex 4, not after 9")]
    [InlineData("changed-index-repeated.json", "ChangedBlocks[1] has BlockIndex 4, not after 4")]
    [InlineData("changed-index-past-volume.json", "ChangedBlocks[0] has BlockIndex 2048, past the volume's 2048 blocks")]
    [InlineData("changed-index-negative.json", "ChangedBlocks[0] has the negative BlockIndex -3")]
    [InlineData("changed-block-null.json", "ChangedBlocks[0] is null")]
    [InlineData("changed-next-token-bad.json", "NextToken is not a token")]
    [InlineData("changed-block-size-4096.json", "BlockSize is 4096, not 524288")]
    [InlineData("changed-not-a-list.json", "not the expected JSON")]
    public void A_crafted_bad_page_is_refused_naming_what_is_wrong(string name, string named)
    {
        // "changed-" seeds are ListChangedBlocks pages, "list-" ones ListSnapshotBlocks pages.
        var changedBlocks = name.StartsWith("changed-", StringComparison.Ordinal);
        var refusal = EbsResponsesFuzzTarget.Refusal(File.ReadAllBytes(Path.Combine(Corpus, name)), changedBlocks);
        Assert.NotNull(refusal);
        Assert.Contains($"ebs: bad {(changedBlocks ? "ListChangedBlocks" : "ListSnapshotBlocks")} response for snap-0123456789abcdef0", refusal, StringComparison.Ordinal);
        Assert.Contains(named, refusal, StringComparison.Ordinal);
    }

    private static string Corpus => Path.Combine(AppContext.BaseDirectory, "corpus", "ebs-responses");
}
