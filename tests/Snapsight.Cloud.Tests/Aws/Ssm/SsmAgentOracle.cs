using Snapsight.AwsFake.Cloud;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Ssm;

/// <summary>
/// What an SSM agent on a machine with this root file system would report, produced by the tools
/// the agent itself runs (amazon-ssm-agent: platform_unix.go reads /etc/os-release's NAME and
/// VERSION_ID; gatherers/application/dataProvider_unix.go runs <c>dpkg-query -W</c> with a format
/// giving Name, Publisher, Version, ApplicationType, Architecture, Url and a PackageId of
/// <c>Package_Version_Architecture.deb</c>, then rewrites amd64 as x86_64). Here the shell reads
/// os-release and dpkg-query reads the tree's dpkg database, so our parsers are not the oracle.
/// </summary>
public static class SsmAgentOracle
{
    /// <summary>The rows dpkg-query prints for the tree: Package, Version, Architecture, source package, source version.</summary>
    public static IReadOnlyList<string[]> DpkgRows(string root) =>
        [.. Tool.Run("dpkg-query", $"--admindir={Path.Combine(root, "var", "lib", "dpkg")}", "-W", "-f",
                "${Package}\t${Version}\t${Architecture}\t${source:Package}\t${source:Version}\t${Maintainer}\t${Section}\t${Homepage}\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))];

    public static FakeSsmNode Node(string root, DateTimeOffset captured)
    {
        var release = Tool.Run("sh", "-c", ". \"$1\"; printf '%s\\t%s' \"$NAME\" \"$VERSION_ID\"", "sh", Path.Combine(root, "etc", "os-release")).Split('\t');
        return new FakeSsmNode
        {
            PlatformName = release[0],
            PlatformVersion = release[1],
            CaptureTime = captured,
            Applications = [.. DpkgRows(root).Select(r => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
            {
                ["Name"] = r[0],
                ["Publisher"] = r[5],
                ["Version"] = r[1],
                ["ApplicationType"] = r[6],
                ["Architecture"] = r[2] == "amd64" ? "x86_64" : r[2],
                ["Url"] = r[7],
                ["PackageId"] = $"{r[0]}_{r[1]}_{r[2]}.deb",
            })],
        };
    }
}
