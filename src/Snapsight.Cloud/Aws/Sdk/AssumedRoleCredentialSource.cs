using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using Snapsight.Cloud.Aws.Signing;
using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Aws.Sdk;

/// <summary>
/// A target account's role, assumed with the connector's external ID. The session is cached and
/// renewed once less than <see cref="AwsCloudOptions.RefreshBefore"/> of it is left; concurrent
/// callers share one AssumeRole call.
/// </summary>
internal sealed class AssumedRoleCredentialSource(
    Func<AssumeRoleRequest, CancellationToken, Task<AssumeRoleResponse>> assumeRole, AwsAccount account, AwsCloudOptions options) : IAwsCredentialSource, IDisposable
{
    private readonly SemaphoreSlim _renewing = new(1, 1);
    // A reference, published whole: readers outside the lock never see a key with another session's expiry.
    private volatile Session? _session;

    public async ValueTask<AwsCredentials> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } credentials)
        {
            return credentials;
        }

        await _renewing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Fresh() ?? await AssumeAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _renewing.Release();
        }
    }

    public void Dispose() => _renewing.Dispose();

    private AwsCredentials? Fresh() =>
        _session is { } session && session.Expires - options.TimeProvider.GetUtcNow() > options.RefreshBefore ? session.Credentials : null;

    private sealed record Session(AwsCredentials Credentials, DateTimeOffset Expires);

    private async Task<AwsCredentials> AssumeAsync(CancellationToken cancellationToken)
    {
        AssumeRoleResponse response;
        try
        {
            response = await assumeRole(new AssumeRoleRequest
            {
                RoleArn = account.RoleArn,
                ExternalId = account.ExternalId,
                RoleSessionName = options.SessionName,
                DurationSeconds = (int)options.SessionDuration.TotalSeconds,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            // STS answers AccessDenied both for a role that does not trust us and for a wrong external ID.
            throw AwsErrors.Map(e, $"sts: AssumeRole of {account.RoleArn} for account {account.AccountId}", account.AccountId, []);
        }
        catch (AmazonClientException e)
        {
            throw AwsErrors.Unreachable(e, $"sts: AssumeRole of {account.RoleArn}", account.AccountId);
        }

        var issued = response.Credentials ?? throw new CloudProviderException(CloudErrorCode.Corrupt, account.AccountId, "sts: AssumeRole answered without credentials");
        var expires = issued.Expiration is { } expiration
            ? new DateTimeOffset(expiration.Kind == DateTimeKind.Local ? expiration.ToUniversalTime() : DateTime.SpecifyKind(expiration, DateTimeKind.Utc))
            : throw new CloudProviderException(CloudErrorCode.Corrupt, account.AccountId, "sts: AssumeRole answered without an expiry");
        var credentials = new AwsCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken);
        _session = new Session(credentials, expires);
        return credentials;
    }
}
