using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Snapsight.Cloud.Aws.Signing;

namespace Snapsight.Cloud.Aws.Sdk;

/// <summary>
/// The SDK's credentials as our source: in production, the scanner instance's profile
/// (<c>DefaultAWSCredentialsIdentityResolver.GetCredentials()</c>, which the SDK refreshes) as the
/// provider's <see cref="AwsCloudOptions.BaseCredentials"/>. Asked on every call, so a refreshed
/// instance-profile session is used at once.
/// </summary>
public sealed class SdkCredentialSource(AWSCredentials credentials) : IAwsCredentialSource
{
    /// <summary>
    /// The SDK's default chain: environment variables (AWS_ACCESS_KEY_ID…), the shared profile,
    /// web identity, the container's and then the instance's role. Throws <see cref="AmazonClientException"/>
    /// when none of them has credentials.
    /// </summary>
    public static SdkCredentialSource FromDefaultChain() => new(DefaultAWSCredentialsIdentityResolver.GetCredentials());

    public async ValueTask<AwsCredentials> GetAsync(CancellationToken cancellationToken)
    {
        var current = await credentials.GetCredentialsAsync().ConfigureAwait(false);
        return new AwsCredentials(current.AccessKey, current.SecretKey, current.UseToken ? current.Token : null);
    }
}
