namespace Snapsight.Cloud.Aws.Signing;

/// <summary>
/// Where a client gets the credentials for its next request: fixed keys, or an assumed role whose
/// session is refreshed before it expires. Asked once per request, so a refreshed session is used
/// at once.
/// </summary>
public interface IAwsCredentialSource
{
    ValueTask<AwsCredentials> GetAsync(CancellationToken cancellationToken);
}
