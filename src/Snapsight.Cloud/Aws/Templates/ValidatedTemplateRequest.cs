using System.Text;
using System.Text.RegularExpressions;

namespace Snapsight.Cloud.Aws.Templates;

/// <summary>
/// A <see cref="TemplateRequest"/> whose every field has been checked against its bounds, with
/// the parsed forms the renderers use. Construction throws <see cref="TemplateParameterException"/>
/// naming the first bad field.
/// </summary>
internal sealed partial class ValidatedTemplateRequest
{
    private const int MaxEndpointLength = 512;
    private const int MaxSubscriptionIdLength = 128;

    public ValidatedTemplateRequest(TemplateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.SubscriptionId) || request.SubscriptionId.Length > MaxSubscriptionIdLength)
        {
            throw new TemplateParameterException("subscriptionId", $"must be 1 to {MaxSubscriptionIdLength} characters");
        }

        SubscriptionTagValue = SnapshotTags.SubscriptionValue(request.SubscriptionId);
        SubscriptionToken = CheckToken(request.SubscriptionToken);
        ApiEndpoint = CheckEndpoint(request.ApiEndpoint);
        Partition = AwsPartition.Find(request.Partition ?? "")
            ?? throw new TemplateParameterException("partition", $"'{request.Partition}' is not one of {string.Join(", ", AwsPartition.All)}");
        Regions = RegionList.Check("regions", request.Regions, Partition);
        TargetRegions = RegionList.Check("targetRegions", request.TargetRegions, Partition);
        var unscanned = TargetRegions.FirstOrDefault(r => !Regions.Contains(r));
        if (unscanned is not null)
        {
            throw new TemplateParameterException("targetRegions",
                $"'{unscanned}' is not among the scanning regions; a shared snapshot can only be read in its own region");
        }

        ScanIntervalHours = CheckRange("scanIntervalHours", request.ScanIntervalHours, TemplateRequest.MinScanIntervalHours, TemplateRequest.MaxScanIntervalHours);
        ScannerConcurrency = CheckRange("scannerConcurrency", request.ScannerConcurrency, TemplateRequest.MinScannerConcurrency, TemplateRequest.MaxScannerConcurrency);
        var tags = request.Tags ?? throw new TemplateParameterException("tags", "is missing");
        AllTags = ScanTagList.Parse("tags.all", tags.All);
        AnyTags = ScanTagList.Parse("tags.any", tags.Any);
        NoneTags = ScanTagList.Parse("tags.none", tags.None);
        Exclusion = ScanTag.Parse(tags.Exclusion ?? TagFilter.DefaultExclusion, "tags.exclusion");
        EventBasedScanning = request.EventBasedScanning;
        ScanningRoleName = request.ScanningRoleName is { } name && RoleName().IsMatch(name)
            ? name
            : throw new TemplateParameterException("scanningRoleName", "must be 1 to 64 characters of letters, digits and +=,.@_-");
    }

    public string SubscriptionTagValue { get; }

    public string SubscriptionToken { get; }

    /// <summary>The endpoint without a trailing slash, so paths append with one.</summary>
    public string ApiEndpoint { get; }

    public AwsPartition Partition { get; }

    public IReadOnlyList<string> Regions { get; }

    public IReadOnlyList<string> TargetRegions { get; }

    public int ScanIntervalHours { get; }

    public int ScannerConcurrency { get; }

    public IReadOnlyList<ScanTag> AllTags { get; }

    public IReadOnlyList<ScanTag> AnyTags { get; }

    public IReadOnlyList<ScanTag> NoneTags { get; }

    public ScanTag Exclusion { get; }

    public bool EventBasedScanning { get; }

    public string ScanningRoleName { get; }

    /// <summary>Checks a target account's trust: a 12-digit service account and an external ID of IAM's allowed form.</summary>
    public static TargetAccountTrust CheckTrust(TargetAccountTrust trust)
    {
        ArgumentNullException.ThrowIfNull(trust);
        if (trust.ServiceAccountId is null || !AccountId().IsMatch(trust.ServiceAccountId))
        {
            throw new TemplateParameterException("serviceAccountId", "must be an AWS account id of exactly 12 digits");
        }

        if (trust.ExternalId is null || !ExternalId().IsMatch(trust.ExternalId))
        {
            throw new TemplateParameterException("externalId", "must be 2 to 1224 characters of letters, digits and +=,.@:/_-");
        }

        return trust;
    }

    private static string CheckToken(string? token)
    {
        // A token travels in an Authorization header and a template parameter: printable ASCII only, bounded.
        if (token is null || token.Length is < 16 or > 512 || token.Any(c => c is < '!' or > '~'))
        {
            throw new TemplateParameterException("subscriptionToken", "must be 16 to 512 printable ASCII characters without spaces");
        }

        return token;
    }

    private static string CheckEndpoint(string? endpoint)
    {
        if (string.IsNullOrEmpty(endpoint) || endpoint.Length > MaxEndpointLength)
        {
            throw new TemplateParameterException("apiEndpoint", $"must be an https URL of at most {MaxEndpointLength} characters");
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new TemplateParameterException("apiEndpoint", $"'{endpoint}' is not an absolute https URL");
        }

        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0 || endpoint.Any(c => c is <= ' ' or > '~'))
        {
            throw new TemplateParameterException("apiEndpoint", $"'{endpoint}' must not carry credentials, a query, a fragment, spaces or non-ASCII characters");
        }

        return endpoint.TrimEnd('/');
    }

    private static int CheckRange(string field, int value, int min, int max) =>
        value >= min && value <= max ? value : throw new TemplateParameterException(field, $"{value} is outside {min} to {max}");

    [GeneratedRegex(@"^[0-9]{12}\z")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@:/-]{2,1224}\z")]
    private static partial Regex ExternalId();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]{1,64}\z")]
    private static partial Regex RoleName();
}
