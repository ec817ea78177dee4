using Snapsight.Advisories.Feeds.AlpineSecdb;
using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Tests.Feeds.AlpineSecdb;

/// <summary>How secdb entries become advisories: Alpine's "0" version (never affected), one advisory per id across packages, the release from distroversion.</summary>
public sealed class AlpineSecdbMappingTests
{
    [Fact]
    public void One_id_under_several_packages_is_one_advisory_with_a_range_each()
    {
        var json = """
            {"distroversion":"v3.18","reponame":"main","packages":[
              {"pkg":{"name":"curl","secfixes":{"8.1.0-r0":["CVE-2023-1","CVE-2023-2 XSA-9"],"0":["CVE-2020-5"]}}},
              {"pkg":{"name":"libcurl-compat","secfixes":{"7.1-r2":["CVE-2023-1"]}}}]}
            """u8.ToArray();
        var sink = CollectingFeedSink.Read(AlpineSecdbFeedFormat.Instance, json);
        var byId = sink.Advisories.ToDictionary(a => a.Vulnerability.Id);
        Assert.Equal(["CVE-2020-5", "CVE-2023-1", "CVE-2023-2"], byId.Keys.Order());
        Assert.Equal([("curl", "8.1.0-r0"), ("libcurl-compat", "7.1-r2")], byId["CVE-2023-1"].Affected.Select(r => (r.Package, r.Fixed!)));
        Assert.All(byId["CVE-2023-1"].Affected, r => Assert.Equal(new AdvisoryScope("alpine", "3.18"), r.Scope));
        Assert.Equal(["XSA-9"], byId["CVE-2023-2"].Vulnerability.Aliases);
        var never = Assert.Single(byId["CVE-2020-5"].Affected);
        Assert.Equal(AffectedStatus.NotAffected, never.Status);
        Assert.Null(never.Fixed);
        Assert.All(sink.Advisories, a => Assert.Equal("alpine-secdb", a.Vulnerability.Feed));
    }

    [Theory]
    [InlineData("v3.18", "3.18")]
    [InlineData("v3.3", "3.3")]
    [InlineData("edge", null)]
    [InlineData("v3.18.4", null)]
    [InlineData("v3.x", null)]
    public void The_release_is_distroversion_without_its_v(string distroVersion, string? release) =>
        Assert.Equal(release, AlpineSecdbMapper.Release(distroVersion));
}
