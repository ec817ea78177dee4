using Amazon.Runtime;
using Snapsight.Cloud.Aws.Signing;

namespace Snapsight.Cloud.Aws.Sdk;

/// <summary>
/// Our credentials as the SDK's, fixed for the life of one client: handed a credentials object whose
/// values change, the SDK (4.1) was seen signing with a renewed key but sending the previous session
/// token. A renewed session therefore gets a new client (<see cref="SdkClientPool"/>).
/// </summary>
internal static class SdkCredentials
{
    public static AWSCredentials From(AwsCredentials credentials) => credentials.SessionToken is { } token
        ? new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, token)
        : new BasicAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey);
}
