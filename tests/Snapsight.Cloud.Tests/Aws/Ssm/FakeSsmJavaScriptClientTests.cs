using System.Text.Json.Nodes;
using Snapsight.Cloud.Tests.Aws.Sdk;
using Snapsight.Cloud.Tests.Provider;
using Snapsight.Cloud.Tests.Support;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Ssm;

/// <summary>
/// The fake's SSM inventory proven against a client nobody here wrote: @aws-sdk/client-ssm (its
/// signing, AWS JSON 1.1 serialisation and paging) run by Aws/Js/ssm-client.js as the assumed
/// target role sees the managed nodes and the inventory our provider reads, and is refused what
/// the templates do not grant.
/// </summary>
public sealed class FakeSsmJavaScriptClientTests
{
    private static readonly DateTimeOffset Captured = new(2026, 11, 29, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_javascript_sdk_reads_the_inventory_our_provider_reads_and_is_refused_as_the_scanning_role()
    {
        using var fleet = AwsContractFleet.Create(new ContractSettings());
        var node = SsmAgentOracle.Node(DebianImages.Path("rootfs"), Captured);
        var managed = Enumerable.Range(0, 3).Select(i => fleet.Cloud.AddInstance(fleet.Owner.AccountId, fleet.Owner.Region,
            new Dictionary<string, string>(), [(TestVolumes.Raw, "/dev/xvda", null)], fleet.LaunchTime)).ToList();
        managed.ForEach(m => fleet.Cloud.AddSsmNode(m, node));
        var ours = await fleet.Aws.ReadSsmInventoryAsync(fleet.Owner, managed[0].Id, CancellationToken.None);
        var input = fleet.JavaScriptInput();
        input["instanceId"] = managed[0].Id;

        var output = JsonNode.Parse(AwsSdkJs.Run("ssm-client.js", input.ToJsonString()))!;

        // Three managed nodes two to a page (the fleet's own instance has no agent); the applications 50 to a page.
        Assert.Equal(2, (int)output["pages"]!["nodes"]!);
        Assert.Equal(managed.Select(m => m.Id).Order(StringComparer.Ordinal), output["nodes"]!.AsArray().Select(n => (string)n!["id"]!));
        Assert.All(output["nodes"]!.AsArray(), n =>
        {
            Assert.Equal(("Online", "Linux", "Debian GNU/Linux", "12"),
                ((string)n!["pingStatus"]!, (string)n["platformType"]!, (string)n["platformName"]!, (string)n["platformVersion"]!));
            Assert.Equal(Captured, DateTimeOffset.Parse((string)n["lastPing"]!, System.Globalization.CultureInfo.InvariantCulture));
        });
        Assert.NotNull(ours);
        Assert.Equal((ours.Applications.Count + 49) / 50, (int)output["pages"]!["AWS:Application"]!);
        Assert.Equal(ours.Applications.Select(a => (a.Name, a.Version, a.PackageId, a.Architecture, a.Publisher)),
            output["applications"]!.AsArray().Select(a => ((string)a!["Name"]!, (string)a["Version"]!, (string?)a["PackageId"], (string?)a["Architecture"], (string?)a["Publisher"])));
        var information = Assert.Single(output["information"]!.AsArray())!;
        Assert.Equal(ours.Platform, new Cloud.Aws.Ssm.SsmPlatform((string)information["PlatformType"]!, (string)information["PlatformName"]!, (string)information["PlatformVersion"]!));
        Assert.Equal(managed[0].Id, (string)information["InstanceId"]!);
        Assert.Equal(ours.CaptureTime, DateTimeOffset.Parse((string)output["captureTime"]!, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("AccessDeniedException", (string)output["refused"]!["scanningRole"]!);
        Assert.Equal("InvalidTypeNameException", (string)output["refused"]!["unknownType"]!);
        Assert.Equal("ssm:ListInventoryEntries", Assert.Single(fleet.Cloud.Denials).Split(':')[..2].Aggregate((a, b) => a + ":" + b));
    }
}
