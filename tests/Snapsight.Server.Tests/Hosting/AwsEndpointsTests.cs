using Snapsight.Control;
using Snapsight.Control.Setup;

namespace Snapsight.Server.Tests.Hosting;

/// <summary>
/// The <c>--aws-*-endpoint</c> overrides, checked in one place: each lands in its own service's slot, an
/// option wins over its variable, and a bad one is refused naming its own option and variable.
/// </summary>
public sealed class AwsEndpointsTests
{
    public static TheoryData<string, string, Func<string, AwsEndpoints>, Func<AwsEndpoints, Uri?>> Services => new()
    {
        { AwsEndpoints.Ec2Option, AwsEndpoints.Ec2Variable, text => AwsEndpoints.Parse(ec2: text), e => e.Ec2 },
        { AwsEndpoints.StsOption, AwsEndpoints.StsVariable, text => AwsEndpoints.Parse(sts: text), e => e.Sts },
        { AwsEndpoints.EbsOption, AwsEndpoints.EbsVariable, text => AwsEndpoints.Parse(ebs: text), e => e.Ebs },
        { AwsEndpoints.SsmOption, AwsEndpoints.SsmVariable, text => AwsEndpoints.Parse(ssm: text), e => e.Ssm },
        { AwsEndpoints.KmsOption, AwsEndpoints.KmsVariable, text => AwsEndpoints.Parse(kms: text), e => e.Kms },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public void Each_endpoint_lands_in_its_own_slot_and_is_refused_under_its_own_name(
        string option, string variable, Func<string, AwsEndpoints> parse, Func<AwsEndpoints, Uri?> slot)
    {
        var endpoints = parse("http://127.0.0.1:4566/");

        Assert.Equal(new Uri("http://127.0.0.1:4566/"), slot(endpoints));
        Assert.False(endpoints.IsNone);
        Assert.Equal(endpoints with { Ec2 = null, Sts = null, Ebs = null, Ssm = null, Kms = null }, AwsEndpoints.None);
        Assert.Single(new[] { endpoints.Ec2, endpoints.Sts, endpoints.Ebs, endpoints.Ssm, endpoints.Kms }, u => u is not null);
        var refused = Assert.Throws<SetupException>(() => parse("http://public.example.com/")).Message;
        Assert.StartsWith($"{option} (or {variable}) must be an https URL", refused, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_wins_over_its_variable_and_an_unset_option_takes_the_variable()
    {
        var variables = new Dictionary<string, string>
        {
            [AwsEndpoints.Ec2Variable] = "https://ec2.from-variable.example.com/",
            [AwsEndpoints.KmsVariable] = "https://kms.from-variable.example.com/",
        };

        var endpoints = AwsEndpoints.From("https://ec2.from-option.example.com/", null, null, null, null, name => variables.GetValueOrDefault(name));

        Assert.Equal(new Uri("https://ec2.from-option.example.com/"), endpoints.Ec2);
        Assert.Equal(new Uri("https://kms.from-variable.example.com/"), endpoints.Kms);
        Assert.Null(endpoints.Sts);
        Assert.True(AwsEndpoints.From(null, null, null, null, null, _ => null).IsNone);
    }
}
