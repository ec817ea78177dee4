using System.Text;
using Snapsight.Disk;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Languages.Npm;

namespace Snapsight.Inventory.Tests.Languages.Npm;

/// <summary>package.json read as Node reads it (JSON.parse is the oracle for what is JSON), and its licence forms.</summary>
public sealed class NpmPackageJsonParserTests
{
    // Node's JSON.parse on stdin (after npm's byte-order-mark strip): "error", "none" when name
    // and version are not both non-blank strings, else "name\tversion".
    private const string NodeScript = """
        const text = require("fs").readFileSync(0, "utf8").replace(/^\uFEFF/, "");
        let j;
        try { j = JSON.parse(text); } catch { console.log("error"); process.exit(0); }
        const ok = s => typeof s === "string" && s.trim().length > 0;
        const isObject = j !== null && typeof j === "object" && !Array.isArray(j);
        console.log(isObject && ok(j.name) && ok(j.version) ? `${j.name.trim()}\t${j.version.trim()}` : "none");
        """;

    [Theory]
    [InlineData("plain", """{"name":"a","version":"1.0.0"}""")]
    [InlineData("trailing comma", """{"name":"a","version":"1.0.0",}""")]
    [InlineData("a comment", "// generated\n{\"name\":\"a\",\"version\":\"1.0.0\"}")]
    [InlineData("single quotes", "{'name':'a','version':'1.0.0'}")]
    [InlineData("the last of a repeated key wins", """{"name":"first","name":"second","version":"1"}""")]
    [InlineData("escapes", """{"name":"\u0061b\/c\u00e9","version":"1\u002e0"}""")]
    [InlineData("byte order mark", "\uFEFF{\"name\":\"bom\",\"version\":\"1\"}")]
    [InlineData("white space around", " \r\n\t{\"name\" : \"a\" ,\n\"version\":\"1\"}\n\n")]
    [InlineData("an array", "[1,2]")]
    [InlineData("null", "null")]
    [InlineData("a number version", """{"name":"a","version":1}""")]
    [InlineData("a blank name", """{"name":"  ","version":"1"}""")]
    [InlineData("only type, as in a folder inside a package", """{"type":"module"}""")]
    [InlineData("garbage after the value", """{"name":"a","version":"1"} x""")]
    [InlineData("empty", "")]
    [InlineData("NaN", """{"name":"a","version":"1","n":NaN}""")]
    [InlineData("huge exponent", """{"name":"a","version":"1","n":1e999999}""")]
    [InlineData("raw tab in a string", "{\"name\":\"a\tb\",\"version\":\"1\"}")]
    [InlineData("nested values ignored", """{"name":"a","version":"1","exports":{".":{"import":{"types":"./x.d.ts"}}},"license":["odd"]}""")]
    public void Reads_as_node_reads_it(string rule, string json)
    {
        var expected = Tool.Run("node", ["-e", NodeScript], json, null).Trim();

        string actual;
        try
        {
            actual = NpmPackageJsonParser.Parse(Encoding.UTF8.GetBytes(json)) is { } package ? $"{package.Name}\t{package.Version}" : "none";
        }
        catch (DiskFormatException)
        {
            actual = "error";
        }

        Assert.True(expected == actual, $"{rule}: node [{expected}] vs ours [{actual}]");
    }

    // npm's documentation (package.json, "license") and the deprecated forms it still names.
    [Theory]
    [InlineData("\"license\":\"MIT\"", "MIT")]
    [InlineData("\"license\":\"(MIT OR Apache-2.0)\"", "(MIT OR Apache-2.0)")]
    [InlineData("\"license\":{\"type\":\"ISC\",\"url\":\"https://opensource.org/licenses/ISC\"}", "ISC")]
    [InlineData("\"licenses\":[{\"type\":\"MIT\"},{\"type\":\"Apache-2.0\"}]", "MIT OR Apache-2.0")]
    [InlineData("\"licenses\":[\"BSD-2-Clause\"]", "BSD-2-Clause")]
    [InlineData("\"licenses\":{\"type\":\"GPL-2.0\"}", "GPL-2.0")]
    [InlineData("\"license\":\"MIT\",\"licenses\":[{\"type\":\"GPL-2.0\"}]", "MIT")]
    [InlineData("\"license\":\"\",\"licenses\":[{\"type\":\"GPL-2.0\"}]", "GPL-2.0")]
    [InlineData("\"license\":42", null)]
    [InlineData("\"licenses\":[1,null,{}]", null)]
    [InlineData("\"description\":\"no licence\"", null)]
    public void The_licence_takes_every_form_npm_has_written(string field, string? expected)
    {
        var json = Encoding.UTF8.GetBytes("{\"name\":\"a\",\"version\":\"1\"," + field + "}");

        Assert.Equal(expected, NpmPackageJsonParser.Parse(json)!.Licence);
    }
}
