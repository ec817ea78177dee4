using System.Text;
using Snapsight.Advisories.Feeds;
using Snapsight.Advisories.Filtering;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Filtering;

public sealed class OpenVexReaderTests
{
    [Fact]
    public void Statements_of_both_openvex_generations_are_read()
    {
        var json = """
            {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "x", "author": "a", "timestamp": "2026-01-01T00:00:00Z", "version": 1,
             "statements": [
               {"vulnerability": {"name": "CVE-2023-38545", "aliases": ["GHSA-1"]}, "products": [{"@id": "pkg:deb/debian/curl@7.88.1-10"}, {"@id": "x", "identifiers": {"purl": "pkg:rpm/redhat/curl"}}], "status": "not_affected", "justification": "vulnerable_code_not_present"},
               {"vulnerability": "CVE-2020-1", "products": ["pkg:npm/lodash@4.17.20"], "status": "affected"}
             ]}
            """;

        var statements = OpenVexReader.Parse(Encoding.UTF8.GetBytes(json), "vex.json");

        Assert.Equal(2, statements.Count);
        Assert.Equal(["CVE-2023-38545", "GHSA-1"], statements[0].Vulnerability);
        Assert.Equal(["pkg:deb/debian/curl@7.88.1-10", "x", "pkg:rpm/redhat/curl"], statements[0].Products);
        Assert.Equal("vulnerable_code_not_present", statements[0].Justification);
        Assert.Equal(["CVE-2020-1"], statements[1].Vulnerability);
        Assert.Equal("affected", statements[1].Status);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"statements": {}}""")]
    [InlineData("""{"statements": [{"products": []}]}""")]
    [InlineData("""{"statements": [{"status": "fixed"}]}""")]
    [InlineData("""{"statements": [{"status": 3, "vulnerability": "CVE-1"}]}""")]
    [InlineData("""{"statements": [""")]
    [InlineData("""{"statements": DEEP""")]
    public void A_document_of_the_wrong_shape_is_refused_with_a_clear_error(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json.Replace("DEEP", new string('[', 100_000), StringComparison.Ordinal));
        Assert.IsType<FeedFormatException>(HostileInput.Run(_ => Task.FromResult(OpenVexReader.Parse(bytes, "vex.json"))));
    }
}
