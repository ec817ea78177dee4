using System.Text;
using System.Text.Json.Nodes;
using Snapsight.Cloud.Aws.Ssm;
using Snapsight.Disk.Tests.Support;
using Snapsight.Fuzz.Targets;

namespace Snapsight.Fuzz.Tests;

/// <summary>
/// Hostile corpus, an instance's SSM inventory (its owner writes it): the seeds of fuzz/corpus/ssm-inventory and
/// inputs too large to keep as files. Each is refused with a message saying what is wrong, or read to a partial
/// result whose gaps say what was left out, within the hostile-input bar; no package carries text a store cannot take.
/// </summary>
public sealed class SsmInventoryHostileTests
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "corpus", "ssm-inventory");

    /// <summary>Inputs too large to keep as files, by what they try.</summary>
    private static readonly Dictionary<string, string> Generated = new()
    {
        // One more application than any real machine is allowed: refused, not read.
        ["too many entries"] = Pages(string.Join(',', Enumerable.Range(0, SsmLimits.MaxApplications + 1).Select(i => $"{{\"Name\":\"p{i}\",\"Version\":\"1\"}}"))),
        // A field one character past the bound.
        ["field too long"] = Pages($"{{\"Name\":\"bash\",\"Version\":\"{new string('9', SsmLimits.MaxFieldLength + 1)}\"}}"),
        // A name of a megabyte.
        ["huge name"] = Pages($"{{\"Name\":\"{new string('a', 1 << 20)}\",\"Version\":\"1\"}}"),
        // JSON nested far past the reader's depth limit.
        ["deep nesting"] = "[" + new string('[', 100_000),
        // The same entry fifty thousand times: one package.
        ["duplicate flood"] = Pages(string.Join(',', Enumerable.Repeat("{\"Name\":\"bash\",\"Version\":\"5.2\",\"PackageId\":\"bash_5.2_amd64.deb\"}", 50_000))),
    };

    /// <summary>What some seeds must give: a refusal containing the text, or a result with that many packages and a gap containing the text.</summary>
    private static readonly Dictionary<string, (int? Packages, string Says)> Expected = new()
    {
        ["valid-debian.json"] = (3, "names no source packages"),
        ["paged.json"] = (3, "names no source packages"),
        ["nul-in-name.json"] = (1, "1 AWS:Application entries hold control characters or broken Unicode and were not matched: bash\\u0000evil"),
        ["nul-in-version.json"] = (1, "hold control characters"),
        ["escape-in-publisher.json"] = (1, "hold control characters"),
        // JSON readers (ours as the SDK's) refuse a lone surrogate; SsmInventoryMappingTests gives one to the mapping directly.
        ["lone-surrogate.json"] = (null, "not ListInventoryEntries answers"),
        ["nul-in-platform.json"] = (0, "platform 'Debian GNU/Linux\\u0000 12'"),
        ["control-in-platform-version.json"] = (0, "platform 'Debian GNU/Linux 12\\u000a'"),
        ["unknown-platform.json"] = (0, "is not one whose SSM inventory is matched"),
        ["no-instance-information.json"] = (0, "platform ' ' () is not one"),
        ["missing-name.json"] = (null, "an AWS:Application entry has no Name"),
        ["empty-name.json"] = (null, "an AWS:Application entry has no Name"),
        ["null-entry.json"] = (null, "an AWS:Application entry has no Name"),
        ["missing-version.json"] = (null, "AWS:Application bash has no Version"),
        ["null-field.json"] = (null, "AWS:Application bash has no Version"),
        ["duplicate-entries.json"] = (2, "2 AWS:Application entries repeat another entry and were counted once"),
        ["duplicate-case.json"] = (1, "1 AWS:Application entries repeat another entry"),
        ["package-id-mismatch.json"] = (0, "2 AWS:Application entries are not dpkg packages"),
        // Epochs 99999999999999999999 (past int), -1 and 0x10 are not rpm's; "(none)" is rpm's word for none.
        ["rpm-epoch-huge.json"] = (1, "3 AWS:Application entries are not rpm packages (snaps, or entries without a package id) and were not matched: bash, ksh, zsh"),
        ["rpm-no-release.json"] = (0, "are not rpm packages"),
        ["snaps-on-ubuntu.json"] = (1, "not dpkg packages (snaps, or entries without a package id) and were not matched: core22"),
        ["entries-not-a-list.json"] = (null, "not ListInventoryEntries answers"),
        ["number-field.json"] = (null, "not ListInventoryEntries answers"),
        ["not-an-array.json"] = (null, "not ListInventoryEntries answers"),
        ["truncated.json"] = (null, "not ListInventoryEntries answers"),
        ["too many entries"] = (null, $"more than {SsmLimits.MaxApplications} AWS:Application entries"),
        ["field too long"] = (null, $"inventory field Version is longer than {SsmLimits.MaxFieldLength} characters"),
        ["huge name"] = (null, "inventory field Name is longer than"),
        ["deep nesting"] = (null, "not ListInventoryEntries answers"),
        ["duplicate flood"] = (1, "49999 AWS:Application entries repeat another entry"),
    };

    /// <summary>Every seed file of the corpus and every generated input, by name.</summary>
    public static TheoryData<string> Inputs => new([.. Directory.GetFiles(Corpus).Select(Path.GetFileName).Order(StringComparer.Ordinal)!, .. Generated.Keys]);

    [Theory]
    [MemberData(nameof(Inputs))]
    public void An_input_is_refused_or_read_in_part_within_the_hostile_input_bar(string name)
    {
        var input = Generated.TryGetValue(name, out var text) ? Encoding.UTF8.GetBytes(text) : File.ReadAllBytes(Path.Combine(Corpus, name));
        Assert.Null(HostileInput.Run(_ =>
        {
            new SsmInventoryFuzzTarget().Run(input);
            return Task.CompletedTask;
        }));

        var (result, refusal) = SsmInventoryFuzzTarget.Read(input);
        Assert.True((result is null) != (refusal is null), $"{name}: a result or a refusal, exactly one");
        if (Expected.TryGetValue(name, out var expected))
        {
            if (expected.Packages is { } packages)
            {
                Assert.True(result is not null, $"{name} was refused: {refusal}");
                Assert.Equal(packages, result.Packages.Count);
                Assert.Contains(result.Gaps, g => g.Reason.Contains(expected.Says, StringComparison.Ordinal));
            }
            else
            {
                Assert.True(refusal is not null, $"{name} was accepted");
                Assert.Contains(expected.Says, refusal, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Every_seed_that_is_not_plain_json_trouble_has_its_outcome_written_down()
    {
        // So a new seed is not only "did not crash": each says what it must give.
        var unexplained = Directory.GetFiles(Corpus).Select(Path.GetFileName)
            .Where(n => !Expected.ContainsKey(n!) && n is not ("valid-amazon-linux.json" or "absurd-versions.json" or "rpm-odd-source.json"
                or "capture-time-bad.json" or "empty.json" or "duplicate-key.json"));
        Assert.Empty(unexplained);
    }

    [Fact]
    public void The_valid_seeds_give_the_packages_their_entries_name()
    {
        var (amazon, _) = SsmInventoryFuzzTarget.Read(File.ReadAllBytes(Path.Combine(Corpus, "valid-amazon-linux.json")));
        Assert.Equal(["bash 5.2.15-1.amzn2023.0.2 0 bash", "openssl-libs 3.0.8-1.amzn2023.0.12 1 openssl"],
            amazon!.Packages.Select(p => $"{p.Package.Name} {p.Package.Version} {p.Package.Epoch} {p.Package.SourceName}"));
        Assert.Equal("amzn", amazon.Os!.Family);

        // Absurd versions are kept as the agent gave them (the matcher's comparers judge them), each once.
        var absurd = JsonNode.Parse(File.ReadAllText(Path.Combine(Corpus, "absurd-versions.json")))![1]!["Entries"]!.AsArray();
        var (read, _) = SsmInventoryFuzzTarget.Read(File.ReadAllBytes(Path.Combine(Corpus, "absurd-versions.json")));
        Assert.Equal(absurd.Select(e => e!["Version"]!.GetValue<string>()).Order(StringComparer.Ordinal),
            read!.Packages.Select(p => p.Package.Version).Order(StringComparer.Ordinal));
    }

    /// <summary>An InstanceInformation page for Debian 12 and an Application page holding <paramref name="entries"/>.</summary>
    private static string Pages(string entries) =>
        "[{\"TypeName\":\"AWS:InstanceInformation\",\"Entries\":[{\"PlatformName\":\"Debian GNU/Linux\",\"PlatformVersion\":\"12\"}]},"
        + "{\"TypeName\":\"AWS:Application\",\"Entries\":[" + entries + "]}]";
}
