using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Snapsight.AwsFake;
using Snapsight.Cloud.Tests.Support;

namespace Snapsight.Cloud.Tests.Aws.Fake;

/// <summary>
/// The fake proven against a client nobody here wrote: the AWS SDK for JavaScript's EBS client
/// (signing with its own SigV4, paging with NextToken, parsing the JSON, the block stream, the
/// x-amz-* headers and restJson1 errors) reads the fake's snapshot, and must see every written
/// block of the image with the image's bytes, the blocks changed in a later snapshot as they were
/// changed, and a denied snapshot as AccessDeniedException.
/// </summary>
public sealed class FakeEbsJavaScriptClientTests : IDisposable
{
    private const string Denied = "snap-0aaaaaaaaaaaaaaaa";
    private const string Next = "snap-0bbbbbbbbbbbbbbbb";

    // 250 written blocks: three pages of 100.
    private readonly EbsTestBed _bed = new(Enumerable.Range(0, 250).Select(i => (long)(i * 8 + 1)));

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void The_javascript_sdk_reads_every_written_block_as_the_image_holds_it()
    {
        _bed.Server.Add(new FakeEbsSnapshot(Denied, _bed.Image.Path));
        // Block 9 and 150 others rewritten, 17 erased, 4 written for the first time: 153 changes, two pages of them.
        var rewritten = _bed.Image.Written.Where(b => b != 17).Take(151).Append(4).ToList();
        using var next = _bed.Image.Change(_bed.Temp.File("next.img"), rewritten, [17], seed: 3);
        _bed.Server.Add(new FakeEbsSnapshot(Next, next.Path));
        _bed.Server.Faults.DeniedSnapshots[Denied] = true;
        _bed.Server.Faults.ThrottleNextGetSnapshotBlock = 2; // the SDK's own retry must get past these
        var keys = EbsTestBed.Keys;
        var input = new JsonObject
        {
            ["endpoint"] = _bed.Server.Endpoint.ToString(),
            ["region"] = FakeEbsServer.Region,
            ["snapshotId"] = EbsTestBed.SnapshotId,
            ["nextSnapshotId"] = Next,
            ["deniedSnapshotId"] = Denied,
            ["credentials"] = new JsonObject { ["accessKeyId"] = keys.AccessKeyId, ["secretAccessKey"] = keys.SecretAccessKey, ["sessionToken"] = keys.SessionToken },
        };

        var output = JsonNode.Parse(AwsSdkJs.Run("ebs-client.js", input.ToJsonString()))!;

        Assert.Equal(1, output["volumeSize"]!.GetValue<long>());
        Assert.Equal(524288, output["blockSize"]!.GetValue<int>());
        Assert.Equal(3, output["pages"]!.GetValue<int>());
        var blocks = output["blocks"]!.AsArray().Select(b => b!.AsArray()).ToList();
        Assert.Equal(_bed.Image.Written, blocks.Select(b => b[0]!.GetValue<long>()));
        foreach (var block in blocks)
        {
            var data = _bed.Image.Read(block[0]!.GetValue<long>() * 524288, 524288);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), block[1]!.GetValue<string>());
            Assert.Equal(Convert.ToBase64String(SHA256.HashData(data)), block[2]!.GetValue<string>());
        }

        Assert.Equal(
            rewritten.Append(17).Order().Select(b => b == 4 ? "[4,false,true]" : b == 17 ? "[17,true,false]" : $"[{b},true,true]"),
            output["changed"]!.AsArray().Select(c => c!.ToJsonString()));
        Assert.Equal(2, output["changedPages"]!.GetValue<int>());
        Assert.Equal("AccessDeniedException DEPENDENCY_ACCESS_DENIED", output["denied"]!.GetValue<string>());
        Assert.Equal(0, _bed.Server.RejectedSignatures);
    }
}
