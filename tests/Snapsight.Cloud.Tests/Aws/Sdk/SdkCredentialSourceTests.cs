using Amazon.Runtime;
using Snapsight.Cloud.Aws.Sdk;

namespace Snapsight.Cloud.Tests.Aws.Sdk;

/// <summary>The SDK's credentials reach our signer intact, the session token only when there is one.</summary>
public sealed class SdkCredentialSourceTests
{
    [Fact]
    public async Task Session_credentials_keep_their_token_and_long_term_keys_have_none()
    {
        var session = await new SdkCredentialSource(new SessionAWSCredentials("ASIAEXAMPLE", "secret/one", "token+1")).GetAsync(CancellationToken.None);
        Assert.Equal(("ASIAEXAMPLE", "secret/one", "token+1"), (session.AccessKeyId, session.SecretAccessKey, session.SessionToken));

        var keys = await new SdkCredentialSource(new BasicAWSCredentials("AKIAEXAMPLE", "secret/two")).GetAsync(CancellationToken.None);
        Assert.Equal(("AKIAEXAMPLE", "secret/two", (string?)null), (keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken));
    }
}
