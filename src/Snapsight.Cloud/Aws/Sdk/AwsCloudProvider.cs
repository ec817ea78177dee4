using System.Collections.Concurrent;
using Amazon;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Aws.Ebs.Incremental;
using Snapsight.Cloud.Aws.Signing;
using Snapsight.Cloud.Provider;
using Snapsight.Disk.BlockDevices;
using Ec2 = Amazon.EC2.Model;

namespace Snapsight.Cloud.Aws.Sdk;

/// <summary>
/// <see cref="ICloudProvider"/> on AWS, by default in the read-in-place mode (the copy-and-share mode
/// is in AwsCloudProvider.Copies.cs): every call acts in the
/// scope's account through the role its target template created (assumed with the connector's
/// external ID; the service account acts with its own credentials). Discovery and snapshots go
/// through the AWS SDK's EC2 client in the standard retry mode; snapshots are read with our EBS
/// direct client (<see cref="EbsSnapshotBlockDevice"/>) as the same role, so they never leave
/// the target account. docs/aws.md says what each call needs of the role.
/// </summary>
public sealed partial class AwsCloudProvider : ICloudProvider, IDisposable
{
    /// <summary>Pages one listing may take before the answer is taken for a loop.</summary>
    public const int MaxPages = 200_000;

    private readonly AwsCloudOptions _options;
    private readonly HttpClient _http = new();
    private readonly BlockCache _cache;
    private readonly EbsBlockStore? _store;
    private readonly ConcurrentDictionary<SessionKey, IAwsCredentialSource> _sessions = new();
    private readonly ConcurrentDictionary<CloudScope, EbsDirectClient> _ebs = new();
    private readonly SdkClientPool _clients;

    public AwsCloudProvider(AwsCloudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        if (options.SnapshotAccess is not (SnapshotAccess.ReadInPlace or SnapshotAccess.CopyAndShareToServiceAccount))
        {
            throw new ArgumentException($"AWS reads snapshots in place or copies and shares them, not {options.SnapshotAccess}", nameof(options));
        }

        _options = options;
        _clients = new SdkClientPool(options.SdkClientsKept);
        _cache = new BlockCache(options.BlockCacheBytes, EbsLimits.BlockSize);
        _store = options.BlockStore is { } store ? EbsBlockStore.Open(store) : null;
    }

    /// <summary>
    /// The mode of an account whose template did not report its <c>CopyAndShare</c> (<see cref="AwsCloudOptions.SnapshotAccess"/>):
    /// read in place with the target role (the default), or copy and share.
    /// </summary>
    public SnapshotAccess SnapshotAccess => _options.SnapshotAccess;

    /// <summary>
    /// The EBS direct client of a scope, whose counters say what its reads cost. One per account and
    /// region, the unit AWS counts its quotas in: every scan there shares its token buckets.
    /// </summary>
    public EbsDirectClient EbsClient(CloudScope scope) => _ebs.GetOrAdd(scope, s =>
        new EbsDirectClient(_http, s.Region, new ScopeCredentialSource(this, s), _options.Ebs, _options.TimeProvider));

    /// <summary>SDK clients made so far: one per session, region and service, so a count that shows they are reused.</summary>
    internal int SdkClientsMade => _clients.Made;

    public async Task<IReadOnlyList<string>> ListRegionsAsync(string accountId, CancellationToken cancellationToken)
    {
        var account = await AccountAsync(CloudScope.CheckAccountId(accountId), null, cancellationToken).ConfigureAwait(false);
        var scope = new CloudScope(accountId, account.Regions[0]);
        var response = await CallAsync(scope, $"ec2: DescribeRegions in {accountId}", accountId,
            ec2 => ec2.DescribeRegionsAsync(new Ec2.DescribeRegionsRequest(), cancellationToken)).ConfigureAwait(false);
        var enabled = (response.Regions ?? []).Select(r => r.RegionName).ToHashSet(StringComparer.Ordinal);
        return [.. account.Regions.Where(enabled.Contains).Order(StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<CloudInstance>> ListInstancesAsync(CloudScope scope, CancellationToken cancellationToken)
    {
        await CheckRegionAsync(scope, cancellationToken).ConfigureAwait(false);
        var instances = new List<Ec2.Instance>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await CallAsync(scope, $"ec2: DescribeInstances in {scope}", scope.AccountId,
                ec2 => ec2.DescribeInstancesAsync(new Ec2.DescribeInstancesRequest { MaxResults = 1000, NextToken = next }, cancellationToken)).ConfigureAwait(false);
            instances.AddRange((page.Reservations ?? []).SelectMany(r => r.Instances ?? []));
            next = NextPage(page.NextToken, next, scope, ++pages);
        }
        while (next is not null);

        var volumes = await VolumesAsync(scope, null, cancellationToken).ConfigureAwait(false);
        return [.. instances.Select(i => Ec2Mapping.Instance(i, volumes)).OrderBy(i => i.Id, StringComparer.Ordinal)];
    }

    public async Task<CloudInstance> DescribeInstanceAsync(CloudScope scope, string instanceId, CancellationToken cancellationToken)
    {
        await CheckRegionAsync(scope, cancellationToken).ConfigureAwait(false);
        CheckInstanceId(instanceId);
        var response = await CallAsync(scope, $"ec2: DescribeInstances {instanceId} in {scope}", instanceId,
            ec2 => ec2.DescribeInstancesAsync(new Ec2.DescribeInstancesRequest { InstanceIds = [instanceId] }, cancellationToken)).ConfigureAwait(false);
        var instance = (response.Reservations ?? []).SelectMany(r => r.Instances ?? []).SingleOrDefault(i => i.InstanceId == instanceId)
            ?? throw CloudProviderException.NotFound(instanceId, "instance");
        var volumes = await VolumesAsync(scope, instanceId, cancellationToken).ConfigureAwait(false);
        return Ec2Mapping.Instance(instance, volumes);
    }

    public void Dispose()
    {
        _clients.Dispose();
        foreach (var session in _sessions.Values.OfType<IDisposable>())
        {
            session.Dispose();
        }

        _http.Dispose();
    }

    /// <summary>Every volume of the scope (or of one instance), by id, paginated.</summary>
    private async Task<Dictionary<string, Ec2.Volume>> VolumesAsync(CloudScope scope, string? instanceId, CancellationToken cancellationToken)
    {
        var volumes = new Dictionary<string, Ec2.Volume>(StringComparer.Ordinal);
        string? next = null;
        var pages = 0;
        do
        {
            var request = new Ec2.DescribeVolumesRequest { MaxResults = 500, NextToken = next };
            if (instanceId is not null)
            {
                request.Filters = [new Ec2.Filter("attachment.instance-id", [instanceId])];
            }

            var page = await CallAsync(scope, $"ec2: DescribeVolumes in {scope}", instanceId ?? scope.AccountId,
                ec2 => ec2.DescribeVolumesAsync(request, cancellationToken)).ConfigureAwait(false);
            foreach (var volume in page.Volumes ?? [])
            {
                volumes[volume.VolumeId] = volume;
            }

            next = NextPage(page.NextToken, next, scope, ++pages);
        }
        while (next is not null);

        return volumes;
    }

    /// <summary>One EC2 call as the scope's account, its failures mapped; <paramref name="keyIds"/> name the keys a KMS refusal is about.</summary>
    private Task<T> CallAsync<T>(CloudScope scope, string what, string? resourceId, Func<AmazonEC2Client, Task<T>> call, IReadOnlyCollection<string>? keyIds = null) =>
        CallAsync(scope, what, resourceId, credentials => new AmazonEC2Client(credentials, Configure(new AmazonEC2Config(), _options.Ec2ServiceUrl, scope.Region)),
            call, keyIds);

    /// <summary>One call of any AWS service's client, the one kept for the scope's account's session of the moment.</summary>
    private async Task<T> CallAsync<TClient, T>(CloudScope scope, string what, string? resourceId, Func<AWSCredentials, TClient> connect,
        Func<TClient, Task<T>> call, IReadOnlyCollection<string>? keyIds)
        where TClient : class, IDisposable
    {
        try
        {
            var session = await SessionAsync(scope, CancellationToken.None).ConfigureAwait(false);
            var credentials = await session.GetAsync(CancellationToken.None).ConfigureAwait(false);
            using var lease = _clients.Rent(session, scope.Region, credentials, c => connect(SdkCredentials.From(c)));
            return await call(lease.Client).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            throw AwsErrors.Map(e, what, resourceId, keyIds ?? []);
        }
        catch (AmazonClientException e)
        {
            throw AwsErrors.Unreachable(e, what, resourceId);
        }
        catch (HttpRequestException e)
        {
            throw AwsErrors.Unreachable(e, what, resourceId);
        }
    }

    private T Configure<T>(T config, Uri? serviceUrl, string region) where T : ClientConfig
    {
        // Standard mode: exponential backoff with jitter, and a retry quota so a struggling service is not hammered.
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = _options.MaxErrorRetry;
        if (serviceUrl is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            config.ServiceURL = serviceUrl.ToString();
            config.AuthenticationRegion = region;
        }

        return config;
    }

    /// <summary>The account as the directory has it for the subscription; one it does not know is not found.</summary>
    private async ValueTask<AwsAccount> AccountAsync(string accountId, Guid? subscription, CancellationToken cancellationToken) =>
        await _options.Accounts.FindAsync(accountId, subscription, cancellationToken).ConfigureAwait(false)
        ?? throw CloudProviderException.NotFound(accountId, "account");

    /// <summary>The scope's account, which must work in the scope's region.</summary>
    private async ValueTask<AwsAccount> AccountInRegionAsync(CloudScope scope, CancellationToken cancellationToken)
    {
        var account = await AccountAsync(scope.AccountId, scope.Subscription, cancellationToken).ConfigureAwait(false);
        return account.Regions.Contains(scope.Region, StringComparer.Ordinal)
            ? account
            : throw CloudProviderException.NotFound(scope.ToString(), "region");
    }

    private async ValueTask CheckRegionAsync(CloudScope scope, CancellationToken cancellationToken) =>
        await AccountInRegionAsync(scope, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The session a call of the scope signs with, its account looked up anew each time: a changed
    /// registration (another role or external ID) is used from the next call on.
    /// </summary>
    private async ValueTask<IAwsCredentialSource> SessionAsync(CloudScope scope, CancellationToken cancellationToken) =>
        Session(await AccountInRegionAsync(scope, cancellationToken).ConfigureAwait(false));

    /// <summary>That session's credentials of the moment, which the EBS direct client signs each request with.</summary>
    private async ValueTask<AwsCredentials> CredentialsAsync(CloudScope scope, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(scope, cancellationToken).ConfigureAwait(false);
        return await session.GetAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The base credentials for the service account; a cached session per role and external ID for any other.</summary>
    private IAwsCredentialSource Session(AwsAccount account) => account.RoleArn is null
        ? _options.BaseCredentials
        : _sessions.GetOrAdd(new SessionKey(account.AccountId, account.RoleArn, account.ExternalId ?? ""),
            _ => new AssumedRoleCredentialSource(AssumeRoleAsync, account, _options));

    /// <summary>Sessions are shared by the registrations that name the same role with the same external ID, and by no other.</summary>
    private readonly record struct SessionKey(string AccountId, string RoleArn, string ExternalId);

    /// <summary>A scope's credentials as the EBS direct client asks for them: through the directory on every request.</summary>
    private sealed class ScopeCredentialSource(AwsCloudProvider provider, CloudScope scope) : IAwsCredentialSource
    {
        public ValueTask<AwsCredentials> GetAsync(CancellationToken cancellationToken) => provider.CredentialsAsync(scope, cancellationToken);
    }

    /// <summary>One AssumeRole call as the service account, with its credentials of the moment.</summary>
    private async Task<AssumeRoleResponse> AssumeRoleAsync(AssumeRoleRequest request, CancellationToken cancellationToken)
    {
        using var sts = await ServiceStsAsync(cancellationToken).ConfigureAwait(false);
        return await sts.Client.AssumeRoleAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>STS in the scanners' region as the service account, with its credentials of the moment.</summary>
    private async Task<SdkClientLease<AmazonSecurityTokenServiceClient>> ServiceStsAsync(CancellationToken cancellationToken)
    {
        var credentials = await _options.BaseCredentials.GetAsync(cancellationToken).ConfigureAwait(false);
        return _clients.Rent(_options.BaseCredentials, _options.StsRegion, credentials, c => new AmazonSecurityTokenServiceClient(
            SdkCredentials.From(c), Configure(new AmazonSecurityTokenServiceConfig(), _options.StsServiceUrl, _options.StsRegion)));
    }

    /// <summary>
    /// The next page's token. A service that repeats a token, or pages past <see cref="MaxPages"/>
    /// (a million items at the smallest page EC2 allows), would page for ever: refused.
    /// </summary>
    private static string? NextPage(string? next, string? previous, CloudScope scope, int pages) =>
        string.IsNullOrEmpty(next) ? null
        : next == previous ? throw new CloudProviderException(CloudErrorCode.Corrupt, scope.ToString(), "ec2: a page repeated its NextToken")
        : pages >= MaxPages ? throw new CloudProviderException(CloudErrorCode.Corrupt, scope.ToString(), $"ec2: more than {MaxPages} pages")
        : next;

    private static void CheckInstanceId(string instanceId)
    {
        if (instanceId is not { Length: 10 or 19 } || !instanceId.StartsWith("i-", StringComparison.Ordinal) || !instanceId[2..].All(char.IsAsciiHexDigitLower))
        {
            throw new CloudProviderException(CloudErrorCode.InvalidParameter, null, $"'{instanceId}' is not an instance id (i- and 8 or 17 hex digits)");
        }
    }

    private static void CheckSnapshotId(string snapshotId)
    {
        if (!EbsLimits.IsSnapshotId(snapshotId))
        {
            throw new CloudProviderException(CloudErrorCode.InvalidParameter, null, $"'{snapshotId}' is not a snapshot id (snap- and 8 or 17 hex digits)");
        }
    }
}
