using System.Text;
using Snapsight.Cloud.Accounts;
using Snapsight.Cloud.Local;
using Snapsight.Disk.Tests.Support;
using Snapsight.Fuzz.Targets;

namespace Snapsight.Fuzz.Tests;

/// <summary>
/// Hostile corpus, the local provider's files: the seeds of fuzz/corpus/local-files (each named for
/// the file it is written as) and inputs too large to keep as files. Each must be refused with a
/// message naming what is wrong, or accepted as a file that survives writing back, within the
/// hostile-input bar; and the server's account check must answer a bad account.json as a failed
/// registration, never an exception.
/// </summary>
public sealed class LocalFilesHostileTests
{
    private const string Launched = "\"launchTime\": \"2025-03-04T05:06:07+00:00\"";
    private const string RoleArn = "arn:aws:iam::123456789012:role/snapsight/SnapsightTarget";

    public static TheoryData<string> SeedFiles => new(Directory.GetFiles(Corpus).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    public static TheoryData<string, string> Generated => new()
    {
        // JSON nested far past the serializer's depth limit, inside a member the files have.
        { "deep nesting", "{\"tags\":" + new string('[', 100_000) },
        // A hundred thousand null volumes: refused at the first, with no volume object made for any.
        { "null volume flood", "{" + Launched + ",\"volumes\":[" + string.Join(',', Enumerable.Repeat("null", 100_000)) + "]}" },
        // A tag value of a megabyte: accepted (tags are the user's), written back whole.
        { "huge tag value", "{" + Launched + ",\"tags\":{\"Name\":\"" + new string('v', 1 << 20) + "\"},\"volumes\":[]}" },
        // Fifty thousand roles, the last one null.
        { "role flood", "{\"roles\":[" + string.Concat(Enumerable.Repeat("{\"arn\":\"a\"},", 50_000)) + "null]}" },
        // A number of a hundred thousand digits where a size goes.
        { "long number", "{\"volumeId\":\"v\",\"instanceId\":\"i\",\"volumeSizeBytes\":" + new string('9', 100_000) + "}" },
    };

    [Theory]
    [MemberData(nameof(SeedFiles))]
    public void A_seed_input_is_refused_or_accepted_without_escaping(string name) =>
        Assert.Null(HostileInput.Run(Feed(File.ReadAllBytes(Path.Combine(Corpus, name)))));

    [Theory]
    [MemberData(nameof(Generated))]
    public void A_large_input_is_refused_or_accepted_without_escaping(string why, string input)
    {
        Assert.NotEmpty(why);
        Assert.Null(HostileInput.Run(Feed(Encoding.UTF8.GetBytes(input))));
    }

    [Theory]
    [InlineData("instance-valid.json")]
    [InlineData("instance-bom.json")]
    [InlineData("snapshot-valid.json")]
    [InlineData("snapshot-time-edge.json")]
    [InlineData("account-valid.json")]
    public void A_valid_seed_is_accepted_as_its_file_so_fuzzing_reaches_the_write_back(string name) =>
        Assert.Null(LocalFilesFuzzTarget.Refusal(FileOf(name), File.ReadAllBytes(Path.Combine(Corpus, name))));

    [Theory]
    [InlineData("instance-null-volume.json", "volumes[0] is null")]
    [InlineData("instance-volumes-null.json", "$.volumes")]
    [InlineData("instance-volume-id-null.json", "$.volumes[0].id")]
    [InlineData("instance-tag-value-null.json", "tags[\"Name\"] is null")]
    [InlineData("instance-tags-null.json", "$.tags")]
    [InlineData("instance-state-combined.json", "$.state: not one of pending, running")]
    [InlineData("instance-state-number.json", "$.state: not one of")]
    [InlineData("instance-platform-case.json", "$.platform: not one of linux, windows")]
    [InlineData("instance-misspelt-key.json", "'volume'")]
    [InlineData("instance-bad-time.json", "$.launchTime")]
    [InlineData("instance-no-launch-time.json", "'launchTime'")]
    [InlineData("instance-null.json", "the file holds null")]
    [InlineData("instance-invalid-utf8.json", "$.tags.Name")]
    [InlineData("instance-lone-surrogate.json", "$.tags.Name")]
    [InlineData("snapshot-size-overflow.json", "$.volumeSizeBytes")]
    [InlineData("snapshot-size-exponent.json", "$.volumeSizeBytes")]
    [InlineData("snapshot-shared-null.json", "sharedWith[0] is null")]
    [InlineData("snapshot-outcome-combined.json", "$.outcome: not one of complete, fail, stay-pending")]
    [InlineData("snapshot-instance-null.json", "$.instanceId")]
    [InlineData("snapshot-time-underflow.json", "$.startTime")]
    [InlineData("account-role-null.json", "roles[0] is null")]
    [InlineData("account-roles-null.json", "$.roles")]
    [InlineData("account-permission-null.json", "roles[0].permissions[0] is null")]
    [InlineData("account-arn-null.json", "$.roles[0].arn")]
    [InlineData("account-region-null.json", "enabledRegions[0] is null")]
    [InlineData("account-duplicate-key.json", "trustedExternalId")]
    [InlineData("account-truncated.json", "open JSON object")]
    public void A_crafted_bad_file_is_refused_naming_what_is_wrong(string name, string named)
    {
        var refusal = LocalFilesFuzzTarget.Refusal(FileOf(name), File.ReadAllBytes(Path.Combine(Corpus, name)));
        Assert.NotNull(refusal);
        Assert.Contains(named, refusal, StringComparison.Ordinal);
    }

    /// <summary>The registration check reads account.json from disk: every account seed answers a result, never an exception.</summary>
    [Fact]
    public async Task The_account_check_answers_every_account_seed_with_a_result()
    {
        var root = Directory.CreateTempSubdirectory("snapsight-local-files-");
        try
        {
            await CheckEveryAccountSeedAsync(root.FullName);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static async Task CheckEveryAccountSeedAsync(string root)
    {
        var access = new LocalAccountAccess(root);
        var directory = Path.Combine(root, "accounts", "123456789012");
        Directory.CreateDirectory(directory);
        foreach (var seed in Directory.GetFiles(Corpus, "account-*"))
        {
            File.Copy(seed, Path.Combine(directory, "account.json"), overwrite: true);
            var result = await access.ValidateAsync("123456789012", RoleArn, "Zm9vYmFyYmF6cXV4cXV1eGNvcmdl", ["eu-west-1"],
                AccountPurpose.Target, CancellationToken.None);

            if (Path.GetFileName(seed) == "account-valid.json")
            {
                Assert.True(result.IsUsable, result.Message);
            }
            else
            {
                Assert.Equal(AccountAccessFailure.RoleCannotBeAssumed, result.Failure);
                Assert.Contains("account.json is not valid", result.Message, StringComparison.Ordinal);
            }
        }
    }

    private static string Corpus => Path.Combine(AppContext.BaseDirectory, "corpus", "local-files");

    /// <summary>The file a seed is written as: its name's first word.</summary>
    private static string FileOf(string seed) => seed[..seed.IndexOf('-', StringComparison.Ordinal)] + ".json";

    private static Func<CancellationToken, Task> Feed(byte[] input) => _ =>
    {
        new LocalFilesFuzzTarget().Run(input);
        return Task.CompletedTask;
    };
}
