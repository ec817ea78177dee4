using CsCheck;
using Snapsight.Cloud.Aws.Templates;
using Snapsight.Cloud.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Templates;

/// <summary>Every field out of bounds is refused with its name, before anything is rendered.</summary>
public sealed class TemplateRequestValidationTests
{
    public static TheoryData<string, TemplateRequest> BadRequests()
    {
        var ok = TemplateRequests.Simple();
        return new TheoryData<string, TemplateRequest>
        {
            { "subscriptionId", ok with { SubscriptionId = "" } },
            { "subscriptionId", ok with { SubscriptionId = new string('s', 129) } },
            { "subscriptionToken", ok with { SubscriptionToken = "short" } },
            { "subscriptionToken", ok with { SubscriptionToken = "0123456789abcdef 0123456789" } },
            { "subscriptionToken", ok with { SubscriptionToken = new string('t', 513) } },
            { "apiEndpoint", ok with { ApiEndpoint = "http://snapsight.example.com" } },
            { "apiEndpoint", ok with { ApiEndpoint = "https://user:pw@snapsight.example.com" } },
            { "apiEndpoint", ok with { ApiEndpoint = "https://snapsight.example.com/?a=b" } },
            { "apiEndpoint", ok with { ApiEndpoint = "snapsight.example.com" } },
            { "partition", ok with { Partition = "aws-iso" } },
            { "regions", ok with { Regions = [] } },
            { "regions", ok with { Partition = "aws-cn", Regions = ["us-east-1"], TargetRegions = ["us-east-1"] } },
            { "regions", ok with { Regions = ["us-east-1", "us-east-1"] } },
            { "regions", ok with { Regions = ["US-EAST-1"] } },
            { "targetRegions", ok with { TargetRegions = ["us-gov-west-1"] } },
            { "targetRegions", ok with { TargetRegions = ["us-west-2"] } },
            { "scanIntervalHours", ok with { ScanIntervalHours = 23 } },
            { "scanIntervalHours", ok with { ScanIntervalHours = 169 } },
            { "scannerConcurrency", ok with { ScannerConcurrency = 0 } },
            { "scannerConcurrency", ok with { ScannerConcurrency = 51 } },
            { "tags.all[1]", ok with { Tags = new TagFilter { All = ["a=b", "c=*"] } } },
            { "tags.any", ok with { Tags = new TagFilter { Any = ["a=b", "a=b"] } } },
            { "tags.none", ok with { Tags = new TagFilter { None = [.. Enumerable.Range(0, 51).Select(i => $"k{i}=v")] } } },
            { "tags.exclusion", ok with { Tags = new TagFilter { Exclusion = "aws:x=y" } } },
            { "tags.all", ok with { Tags = new TagFilter { All = [.. Enumerable.Range(0, 20).Select(i => $"k{i}={new string('v', 250)}")] } } },
            { "scanningRoleName", ok with { ScanningRoleName = "has space" } },
            { "scanningRoleName", ok with { ScanningRoleName = new string('r', 65) } },
        };
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void A_bad_field_is_refused_by_name(string field, TemplateRequest request)
    {
        Assert.Equal(field, Assert.Throws<TemplateParameterException>(() => CloudFormationTemplates.ServiceAccount(request)).Field);
        Assert.Equal(field, Assert.Throws<TemplateParameterException>(() => CloudFormationTemplates.TargetAccount(request, TemplateRequests.SimpleTrust())).Field);
    }

    [Fact]
    public void Hostile_requests_render_or_are_refused_by_name_and_never_crash()
    {
        // Short strings from a small alphabet that includes every character the checks care about.
        var text = Gen.OneOf(Gen.Const((string?)null), Gen.Char["aZ9 \t*=,:/.-_é\u0000\uD800"].Array[0, 12].Select(c => (string?)new string(c)));
        var texts = Gen.OneOf(Gen.Const((string[]?)null), text.Array[0, 4].Select(a => (string[]?)a.Select(t => t!).ToArray()));
        Gen.Select(text, texts, texts, Gen.Int[-5, 200], text, text).Sample((id, regions, tags, number, token, trust) =>
        {
            var request = TemplateRequests.Simple() with
            {
                SubscriptionId = id!,
                SubscriptionToken = token is null ? TemplateRequests.Simple().SubscriptionToken : token + new string('t', 16),
                Regions = regions is null ? TemplateRequests.Simple().Regions : [.. regions, "eu-west-1"],
                ScanIntervalHours = number,
                Tags = new TagFilter { All = tags!, Exclusion = id },
            };
            try
            {
                CloudFormationTemplates.TargetAccount(request, new TargetAccountTrust { ServiceAccountId = "123456789012", ExternalId = trust! });
            }
            catch (TemplateParameterException error)
            {
                Assert.False(string.IsNullOrEmpty(error.Field));
                Assert.False(string.IsNullOrEmpty(error.Reason));
            }
        }, iter: 2000);
    }

    [Theory]
    [InlineData("serviceAccountId", "12345678901", "external-id")]
    [InlineData("serviceAccountId", "12345678901a", "external-id")]
    [InlineData("serviceAccountId", "123456789012\n", "external-id")]
    [InlineData("externalId", "123456789012", "x")]
    [InlineData("externalId", "123456789012", "has space")]
    [InlineData("externalId", "123456789012", "ünicode")]
    public void A_bad_trust_is_refused_by_name(string field, string account, string externalId)
    {
        var trust = new TargetAccountTrust { ServiceAccountId = account, ExternalId = externalId };
        Assert.Equal(field, Assert.Throws<TemplateParameterException>(() => CloudFormationTemplates.TargetAccount(TemplateRequests.Simple(), trust)).Field);
    }
}
