using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Snapsight.Cloud.Accounts;
using Snapsight.Cloud.Aws.Signing;
using Snapsight.Cloud.Provider;
using Ec2 = Amazon.EC2.Model;

namespace Snapsight.Cloud.Aws.Sdk;

public sealed partial class AwsCloudProvider
{
    /// <summary>
    /// Checks a registration before the server stores it, as the workflow will act there: a target
    /// account's role is assumed with the connector's external ID (a session of its own, never the
    /// cache, so a wrong ID is not hidden by an earlier session); the service account is acted in with
    /// the base credentials, which must be that account's. Then DescribeRegions says whether every
    /// region is enabled. The other permissions are not probed (AWS has no call that asks a role what
    /// it may do); the first discovery and scan name any that is missing.
    /// </summary>
    public async Task<AccountAccessResult> CheckAccessAsync(string accountId, string roleArn, string externalId,
        IReadOnlyList<string> regions, AccountPurpose purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(regions);
        if (!CloudScope.IsAccountId(accountId))
        {
            return AccountAccessResult.Failed(AccountAccessFailure.RoleCannotBeAssumed, $"'{accountId}' is not an account id");
        }

        if (regions.Count == 0)
        {
            return AccountAccessResult.Failed(AccountAccessFailure.RegionNotEnabled, "no region given: give at least one");
        }

        if (regions.FirstOrDefault(r => !CloudScope.IsRegion(r)) is { } badRegion)
        {
            return AccountAccessResult.Failed(AccountAccessFailure.RegionNotEnabled, $"'{badRegion}' is not a region name");
        }

        IAwsCredentialSource credentials;
        try
        {
            credentials = purpose == AccountPurpose.Service
                ? await ServiceCredentialsAsync(accountId, cancellationToken).ConfigureAwait(false)
                : await AssumeForCheckAsync(accountId, roleArn, externalId, regions, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudProviderException e)
        {
            return AccessFailure(e, AccountAccessFailure.RoleCannotBeAssumed, purpose == AccountPurpose.Service
                ? $"the server's own credentials cannot be used for service account {accountId}: {e.Message}"
                : $"role {roleArn} cannot be assumed with the connector's external ID (STS does not say whether the role is missing, "
                    + $"does not trust the scanning role, or wants another external ID): {e.Message}");
        }

        HashSet<string> enabled;
        try
        {
            var current = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
            // A client of its own, not a kept one: the session being checked is used for this call only.
            using var ec2 = new Amazon.EC2.AmazonEC2Client(SdkCredentials.From(current),
                Configure(new Amazon.EC2.AmazonEC2Config(), _options.Ec2ServiceUrl, regions[0]));
            var response = await ec2.DescribeRegionsAsync(new Ec2.DescribeRegionsRequest(), cancellationToken).ConfigureAwait(false);
            enabled = (response.Regions ?? []).Select(r => r.RegionName).ToHashSet(StringComparer.Ordinal);
        }
        catch (AmazonServiceException e)
        {
            return AccessFailure(AwsErrors.Map(e, $"ec2: DescribeRegions in {accountId}/{regions[0]}", accountId, []),
                AccountAccessFailure.MissingPermission, $"the role may not call ec2:DescribeRegions in {regions[0]}: {e.ErrorCode} {e.Message}");
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException)
        {
            return AccountAccessResult.Failed(AccountAccessFailure.CloudUnavailable, $"ec2 in {regions[0]} could not be reached: {e.Message}");
        }

        return regions.FirstOrDefault(r => !enabled.Contains(r)) is { } disabled
            ? AccountAccessResult.Failed(AccountAccessFailure.RegionNotEnabled, $"region {disabled} is not enabled in account {accountId}")
            : AccountAccessResult.Usable;
    }

    /// <summary>The base credentials, after STS GetCallerIdentity (which needs no permission) says they are the service account's.</summary>
    private async Task<IAwsCredentialSource> ServiceCredentialsAsync(string accountId, CancellationToken cancellationToken)
    {
        GetCallerIdentityResponse identity;
        try
        {
            using var sts = await ServiceStsAsync(cancellationToken).ConfigureAwait(false);
            identity = await sts.Client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            throw AwsErrors.Map(e, "sts: GetCallerIdentity with the server's credentials", accountId, []);
        }
        catch (AmazonClientException e)
        {
            throw AwsErrors.Unreachable(e, "sts: GetCallerIdentity", accountId);
        }

        return identity.Account == accountId
            ? _options.BaseCredentials
            : throw new CloudProviderException(CloudErrorCode.AccessDenied, accountId,
                $"they are account {identity.Account}'s ({identity.Arn}); run the server with the service account's scanning role");
    }

    private async Task<IAwsCredentialSource> AssumeForCheckAsync(string accountId, string roleArn, string externalId,
        IReadOnlyList<string> regions, CancellationToken cancellationToken)
    {
        var session = new AssumedRoleCredentialSource(AssumeRoleAsync,
            new AwsAccount { AccountId = accountId, RoleArn = roleArn, ExternalId = externalId, Regions = regions }, _options);
        await session.GetAsync(cancellationToken).ConfigureAwait(false);
        return session;
    }

    /// <summary>An expired or revoked session, and a cloud that could not be asked, say so; any other refusal is <paramref name="refused"/>.</summary>
    private static AccountAccessResult AccessFailure(CloudProviderException e, AccountAccessFailure refused, string message) =>
        e.InnerException is AmazonServiceException { ErrorCode: "ExpiredToken" or "InvalidClientTokenId" or "TokenRefreshRequired" }
            ? AccountAccessResult.Failed(AccountAccessFailure.TokenExpiredOrRevoked, message)
            : e.IsTransient
                ? AccountAccessResult.Failed(AccountAccessFailure.CloudUnavailable, message)
                : AccountAccessResult.Failed(refused, message);
}
