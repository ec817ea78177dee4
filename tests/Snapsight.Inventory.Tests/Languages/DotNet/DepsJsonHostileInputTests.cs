using System.Text;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Tests.FileSystems;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Languages.DotNet;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Tests.Languages.DotNet;

/// <summary>Crafted deps.json files: each is read within the hostile-input bar to a partial result naming what was not read.</summary>
public sealed class DepsJsonHostileInputTests
{
    private const string GoodLibrary = "\"Good/1.0.0\": { \"type\": \"package\", \"serviceable\": true }";

    private static PackageDatabaseParseResult ParseWithinBar(string depsJson, PackageDatabaseLimits? limits = null) =>
        ParseWithinBar(Encoding.UTF8.GetBytes(depsJson), limits);

    private static PackageDatabaseParseResult ParseWithinBar(byte[] depsJson, PackageDatabaseLimits? limits = null)
    {
        PackageDatabaseParseResult? result = null;
        Assert.Null(HostileInput.Run(_ =>
        {
            result = DepsJsonParser.Parse(depsJson, "/app/x.deps.json", limits ?? PackageDatabaseLimits.Default);
            return Task.CompletedTask;
        }));
        return result!;
    }

    private static string Libraries(params string[] entries) => "{ \"libraries\": { " + string.Join(", ", entries) + " } }";

    [Fact]
    public void Deep_nesting_is_refused_by_the_reader_and_what_came_before_is_kept()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 1_000_000));
        var result = ParseWithinBar("{ \"libraries\": { " + GoodLibrary + " }, \"targets\": " + deep);

        Assert.Equal("Good", Assert.Single(result.Packages).Name);
        Assert.Contains($"malformed JSON", Assert.Single(result.Problems), StringComparison.Ordinal);
        Assert.Contains($"{DepsJsonParser.MaxDepth}", result.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_inside_a_library_entry_is_refused_too()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 100_000));
        var result = ParseWithinBar(Libraries(GoodLibrary, "\"Deep/1.0\": { \"type\": \"package\", \"x\": " + deep));

        Assert.Equal("Good", Assert.Single(result.Packages).Name);
        Assert.Contains("malformed JSON", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[ \"Bad/1.0\" ]", "StartArray")]
    [InlineData("\"Bad/1.0\"", "String")]
    [InlineData("null", "Null")]
    public void Libraries_that_are_not_an_object_are_a_problem(string value, string tokenType)
    {
        var result = ParseWithinBar("{ \"libraries\": " + value + " }");

        Assert.Empty(result.Packages);
        Assert.Contains($"\"libraries\" is {tokenType}, not an object", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NoSlash")]
    [InlineData("/1.0")]
    [InlineData("Name/")]
    [InlineData("Name/1.0/extra")]
    [InlineData("Na\\u0000me/1.0")]
    public void A_key_that_is_not_Name_slash_Version_is_skipped_and_the_rest_are_read(string key)
    {
        var result = ParseWithinBar(Libraries("\"" + key + "\": { \"type\": \"package\" }", GoodLibrary));

        Assert.Equal("Good", Assert.Single(result.Packages).Name);
        Assert.Contains("is not \"Name/Version\"; skipped", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hundred_thousand_libraries_are_all_read()
    {
        var entries = Enumerable.Range(0, 100_000).Select(i => $"\"P{i}/1.0.{i}\": {{ \"type\": \"package\", \"sha512\": \"sha512-x\" }}");

        var result = ParseWithinBar(Libraries([.. entries]));

        Assert.Equal(100_000, result.Packages.Count);
        Assert.Equal("1.0.99999", result.Packages[^1].Version);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void More_libraries_than_the_bound_stop_reading()
    {
        var entries = Enumerable.Range(0, 20).Select(i => $"\"P{i}/1\": {{ \"type\": \"package\" }}");

        var result = ParseWithinBar(Libraries([.. entries]), PackageDatabaseLimits.Default with { MaxRecords = 10 });

        Assert.Equal(10, result.Packages.Count);
        Assert.Contains("more than 10 libraries", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_comments_and_trailing_commas_are_read_through()
    {
        var result = ParseWithinBar([.. "\uFEFF"u8, .. Encoding.UTF8.GetBytes("// written by hand\n{ \"libraries\": { " + GoodLibrary + ", }, }")]);

        Assert.Equal("Good 1.0.0", $"{Assert.Single(result.Packages).Name} {result.Packages[0].Version}");
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void A_truncated_file_keeps_the_packages_before_the_cut_and_names_the_line()
    {
        var result = ParseWithinBar("{\n\"libraries\": {\n" + GoodLibrary + ",\n\"Cut/1.0\": { \"type\": \"pack");

        Assert.Equal("Good", Assert.Single(result.Packages).Name);
        Assert.StartsWith("/app/x.deps.json line 4: malformed JSON", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"type\": \"project\"")]
    [InlineData("\"type\": \"reference\"")]
    [InlineData("\"type\": [\"package\"]")]
    [InlineData("\"serviceable\": true")]
    public void Entries_that_are_not_packages_are_not_listed(string fields)
    {
        var result = ParseWithinBar(Libraries("\"Other/1.0\": { " + fields + " }", GoodLibrary));

        Assert.Equal("Good", Assert.Single(result.Packages).Name);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Repeated_keys_are_listed_once_and_the_repeats_bounded()
    {
        var result = ParseWithinBar(Libraries([.. Enumerable.Repeat(GoodLibrary, 50_000)]));

        Assert.Equal("Good", Assert.Single(result.Packages).Name);
        Assert.Equal(PackageDatabaseLimits.Default.MaxProblems + 1, result.Problems.Count);
    }

    [Fact]
    public void Invalid_UTF_8_in_a_key_is_a_problem_not_an_exception()
    {
        var bytes = Encoding.UTF8.GetBytes(Libraries("\"Bad\u00FF/1\": { \"type\": \"package\" }"));
        var at = Array.IndexOf(bytes, (byte)0xC3);
        bytes[at] = 0xFF;

        var result = ParseWithinBar(bytes);

        Assert.Empty(result.Packages);
        Assert.Single(result.Problems);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"libraries\"")]
    public void Input_that_is_not_a_JSON_object_is_a_problem(string text)
    {
        var result = ParseWithinBar(text);

        Assert.Empty(result.Packages);
        Assert.Single(result.Problems);
    }
}
