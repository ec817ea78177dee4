using Snapsight.Cloud.Provider;
using Snapsight.Control;
using Snapsight.Control.Setup;
using Snapsight.Disk.Tests.Support;
using Snapsight.Server.Hosting;
using Snapsight.Server.Tests.EndToEnd;

namespace Snapsight.Server.Tests.Hosting;

/// <summary>
/// <c>--cloud</c> and the <c>--aws-*</c> options: the local cloud by default, and each misconfiguration of AWS
/// refused with one sentence naming what to give, before anything starts.
/// </summary>
public sealed class CloudChoiceTests
{
    [Fact]
    public void The_local_cloud_needs_nothing_and_takes_no_AWS_endpoint()
    {
        Assert.Null(new CloudChoice(CloudChoice.Local).Settings());
        Refused(new CloudChoice(CloudChoice.Local) { Endpoints = AwsEndpoints.Parse(ec2: "https://ec2.eu-west-1.amazonaws.com") },
            "only apply with --cloud aws");
    }

    [Theory]
    [InlineData("gcp", null, null, "it must be 'local' or 'aws'")]
    [InlineData("aws", null, null, "give --aws-sts-region")]
    [InlineData("aws", "Europe", null, "'Europe' is not a region name")]
    [InlineData("aws", "eu-west-1", "http://ec2.example.com", "https URL")]
    [InlineData("aws", "eu-west-1", "ftp://127.0.0.1/", "https URL")]
    [InlineData("aws", "eu-west-1", "https://ec2.example.com/?Action=x", "https URL")]
    [InlineData("aws", "eu-west-1", "not a url", "https URL")]
    public void A_misconfigured_cloud_is_refused_with_what_to_give(string cloud, string? region, string? endpoint, string expected) =>
        Refused(() => new CloudChoice(cloud, region) { Endpoints = AwsEndpoints.Parse(ec2: endpoint) }.Settings(), expected);

    [Fact]
    public void Snapshot_access_is_read_in_place_unless_copy_and_share_is_asked_for()
    {
        Assert.Equal(SnapshotAccess.ReadInPlace, CloudChoice.Access(null));
        Assert.Equal(SnapshotAccess.ReadInPlace, CloudChoice.Access(CloudChoice.ReadInPlace));
        Assert.Equal(SnapshotAccess.CopyAndShareToServiceAccount, CloudChoice.Access(CloudChoice.CopyAndShare));
        Refused(new CloudChoice(CloudChoice.Aws, "eu-west-1") { SnapshotAccess = "share-everything" }, "it must be 'read-in-place' or 'copy-and-share'");
        Refused(new CloudChoice(CloudChoice.Local) { SnapshotAccess = CloudChoice.CopyAndShare }, "only apply with --cloud aws");
        Refused(() => AwsEndpoints.Parse(kms: "http://kms.example.com"), "--aws-kms-endpoint");
    }

    [Fact]
    public void The_api_names_each_mode_with_the_words_the_option_takes()
    {
        Assert.All([CloudChoice.ReadInPlace, CloudChoice.CopyAndShare], words => Assert.Equal(words, CloudChoice.Name(CloudChoice.Access(words))));
        Assert.Equal(CloudChoice.ShareToServiceAccount, CloudChoice.Name(SnapshotAccess.ShareToServiceAccount));
        Assert.Equal(Enum.GetValues<SnapshotAccess>().Length, Enum.GetValues<SnapshotAccess>().Select(CloudChoice.Name).Distinct().Count());
    }

    [Fact]
    public void Server_refuses_to_start_on_AWS_without_an_STS_region()
    {
        using var temp = new TempDirectory();
        var result = SnapsightCommand.Run(["server", "--data-dir", temp.File("data"), "--cloud", "aws"], environment: new Dictionary<string, string>
        {
            ["SNAPSIGHT_AWS_STS_REGION"] = "", ["AWS_REGION"] = "", ["AWS_DEFAULT_REGION"] = "",
        });
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--cloud aws needs the scanners' region", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_explains_the_cloud_options()
    {
        var help = SnapsightCommand.Run(["server", "--help"]).Stdout;
        Assert.All(["--cloud", "--aws-sts-region", "--aws-ec2-endpoint", "--aws-sts-endpoint", "--aws-ebs-endpoint", "--aws-ssm-endpoint",
                "--aws-kms-endpoint", "--aws-snapshot-access", CloudChoice.CloudVariable, CloudChoice.SnapshotAccessVariable],
            word => Assert.Contains(word, help, StringComparison.Ordinal));
    }

    private static void Refused(CloudChoice choice, string expected) => Refused(choice.Settings, expected);

    private static void Refused(Func<object?> configure, string expected) =>
        Assert.Contains(expected, Assert.Throws<SetupException>(configure).Message, StringComparison.Ordinal);
}
