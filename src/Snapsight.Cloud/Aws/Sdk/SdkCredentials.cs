using Amazon.Runtime;
using Snapsight.Cloud.Aws.Signing;

namespace Snapsight.Cloud.Aws.Sdk;

/// <summary>
/// Our credentials as the SDK's, fixed for one client. A client is made per call with the session
/// current at that moment: handed a credentials object whose values change, the SDK (4.1) was seen
/// signing with a renewed key but sending the previous session token.
/// </summary>
internal static class SdkCredentials
{
    public static AWSCredentials From(AwsCredentials credentials) => credentials.SessionToken is { } token
        ? new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, token)
        : new BasicAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey);
}
