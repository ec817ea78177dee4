using System.Net;
using System.Security.Cryptography;
using System.Text;
using Snapsight.Cloud.Aws.Ebs;
using Snapsight.Cloud.Aws.Signing;
using Snapsight.Cloud.Provider;

namespace Snapsight.Cloud.Tests.Aws.Ebs;

/// <summary>
/// Answers no real service gives, from a handler that returns them as they are: each must end in a
/// clear <see cref="CloudProviderException"/>, read no more than the limit, and not be retried
/// (a broken answer does not mend).
/// </summary>
public sealed class EbsHostileResponseTests
{
    private const string Snapshot = "snap-0123456789abcdef0";

    [Fact]
    public async Task A_list_body_over_the_limit_is_refused_before_it_is_read_whole()
    {
        var handler = new Scripted(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new EndlessStream()) });

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => EbsBlockMap.ListAsync(Client(handler), Snapshot, CancellationToken.None));

        Assert.Equal(CloudErrorCode.Corrupt, error.Code);
        Assert.Contains("the body runs past the 1048576-byte limit", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task A_declared_content_length_over_the_limit_is_refused_unread()
    {
        var handler = new Scripted(() =>
        {
            var content = new StreamContent(new EndlessStream());
            content.Headers.ContentLength = 1L << 40;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => EbsBlockMap.ListAsync(Client(handler), Snapshot, CancellationToken.None));

        Assert.Contains("the body is 1099511627776 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_refused_as_corrupt()
    {
        var handler = new Scripted(() => Json("{\"Blocks\":[{\"BlockIndex\":1,"));

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => EbsBlockMap.ListAsync(Client(handler), Snapshot, CancellationToken.None));

        Assert.Equal(CloudErrorCode.Corrupt, error.Code);
        Assert.Contains("not the expected JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_that_never_end_are_stopped()
    {
        // Empty pages with a next token, forever: a 1 GiB volume has at most 2048 blocks.
        var handler = new Scripted(() => Json("{\"Blocks\":[],\"BlockSize\":524288,\"VolumeSize\":1,\"NextToken\":\"AAAA\"}"));

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => EbsBlockMap.ListAsync(Client(handler), Snapshot, CancellationToken.None));

        Assert.Contains("past the limits", error.Message, StringComparison.Ordinal);
        Assert.True(handler.Calls < 100, $"{handler.Calls} calls");
    }

    [Fact]
    public async Task Changed_block_pages_that_never_end_are_stopped()
    {
        var handler = new Scripted(() => Json("{\"ChangedBlocks\":[],\"BlockSize\":524288,\"VolumeSize\":1,\"NextToken\":\"AAAA\"}"));

        var error = await Assert.ThrowsAsync<CloudProviderException>(
            () => EbsChangeList.ListAsync(Client(handler), "snap-0fedcba9876543210", Snapshot, CancellationToken.None));

        Assert.Equal(CloudErrorCode.Corrupt, error.Code);
        Assert.Contains("ListChangedBlocks for snap-0123456789abcdef0 listed 0 blocks", error.Message, StringComparison.Ordinal);
        Assert.True(handler.Calls < 100, $"{handler.Calls} calls");
    }

    [Fact]
    public async Task Changed_block_pages_of_different_volume_sizes_are_refused()
    {
        var pages = 0;
        var handler = new Scripted(() => Json(Interlocked.Increment(ref pages) == 1
            ? "{\"ChangedBlocks\":[{\"BlockIndex\":1,\"SecondBlockToken\":\"AAAB\"}],\"BlockSize\":524288,\"VolumeSize\":1,\"NextToken\":\"AAAA\"}"
            : "{\"ChangedBlocks\":[{\"BlockIndex\":2,\"SecondBlockToken\":\"AAAB\"}],\"BlockSize\":524288,\"VolumeSize\":2}"));

        var error = await Assert.ThrowsAsync<CloudProviderException>(
            () => EbsChangeList.ListAsync(Client(handler), "snap-0fedcba9876543210", Snapshot, CancellationToken.None));

        Assert.Contains("bad ListChangedBlocks response for snap-0123456789abcdef0: the volume size changed from 1073741824 to 2147483648 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4096", 4096, "block 3 is 4096 bytes long, not 524288")]
    [InlineData(null, 524288, "block 3 is of no declared bytes long")]
    [InlineData("524288", 1000, "block 3 ended after 1000 of 524288 bytes")]
    [InlineData("524288", 524289, "the block runs past 524288 bytes")]
    public async Task A_block_of_the_wrong_size_is_refused(string? declared, int actual, string named)
    {
        var data = new byte[actual];
        var handler = new Scripted(() => Block(data, declared, Convert.ToBase64String(SHA256.HashData(data))));

        var error = await Assert.ThrowsAsync<CloudProviderException>(
            () => Client(handler).GetSnapshotBlockAsync(Snapshot, 3, "AAAB", new byte[EbsLimits.BlockSize], CancellationToken.None));

        Assert.Equal(CloudErrorCode.Corrupt, error.Code);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task A_block_without_a_checksum_is_refused()
    {
        var handler = new Scripted(() => Block(new byte[EbsLimits.BlockSize], "524288", checksum: null));

        var error = await Assert.ThrowsAsync<CloudProviderException>(
            () => Client(handler).GetSnapshotBlockAsync(Snapshot, 3, "AAAB", new byte[EbsLimits.BlockSize], CancellationToken.None));

        Assert.Contains("came without a SHA256 checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_error_body_still_gives_the_typed_error()
    {
        var handler = new Scripted(() =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StreamContent(new EndlessStream()) };
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/");
            return response;
        });

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => EbsBlockMap.ListAsync(Client(handler), Snapshot, CancellationToken.None));

        Assert.Equal(CloudErrorCode.AccessDenied, error.Code);
        Assert.EndsWith("failed: AccessDeniedException", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_are_retried_then_reported_as_unavailable()
    {
        var handler = new Scripted(() => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("") });

        var error = await Assert.ThrowsAsync<CloudProviderException>(() => EbsBlockMap.ListAsync(Client(handler), Snapshot, CancellationToken.None));

        Assert.Equal(CloudErrorCode.Unavailable, error.Code);
        Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, handler.Calls);
    }

    [Fact]
    public async Task Every_request_is_signed_for_ebs_with_the_session_token()
    {
        var handler = new Scripted(() => Json("{\"Blocks\":[],\"BlockSize\":524288,\"VolumeSize\":1}"));

        await EbsBlockMap.ListAsync(Client(handler), Snapshot, CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        var authorization = request.Headers.GetValues("Authorization").Single();
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", authorization, StringComparison.Ordinal);
        Assert.Contains("/eu-west-3/ebs/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token,", authorization, StringComparison.Ordinal);
        Assert.Equal("token", request.Headers.GetValues("X-Amz-Security-Token").Single());
        Assert.Equal($"/snapshots/{Snapshot}/blocks?maxResults=100&startingBlockIndex=0", request.RequestUri!.PathAndQuery);
    }

    private static EbsDirectClient Client(Scripted handler) =>
        new(new HttpClient(handler), "eu-west-3", new FixedCredentialSource(new AwsCredentials("AKIDEXAMPLE", "secret", "token")),
            new EbsDirectOptions
            {
                Endpoint = new Uri("https://ebs.test"), PageSize = 100, MaxAttempts = 3, MaxJsonBytes = 1 << 20,
                BaseBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(2),
            },
            TimeProvider.System);

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Block(byte[] data, string? declaredLength, string? checksum)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(data) };
        if (declaredLength is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amz-Data-Length", declaredLength);
        }

        if (checksum is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amz-Checksum", checksum);
            response.Headers.TryAddWithoutValidation("x-amz-Checksum-Algorithm", "SHA256");
        }

        return response;
    }

    /// <summary>Answers every request with a fresh response from <paramref name="answer"/>, recording the requests.</summary>
    private sealed class Scripted(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        public int Calls => Requests.Count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(request);
            }

            return Task.FromResult(answer());
        }
    }

    /// <summary>A body that never ends (a hostile or broken server), made of '[' so that it is not JSON either.</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'[');
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
