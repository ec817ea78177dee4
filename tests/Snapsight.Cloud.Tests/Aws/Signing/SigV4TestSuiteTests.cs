using System.Security.Cryptography;
using System.Text;
using Snapsight.Cloud.Aws.Signing;

namespace Snapsight.Cloud.Tests.Aws.Signing;

/// <summary>
/// Our signer against AWS's own Signature Version 4 test suite (testdata/aws-signing-test-suite,
/// SOURCE.md says where each file comes from): each signed request there, stripped of what the
/// signer adds, must come out with the suite's Authorization header.
/// </summary>
public sealed class SigV4TestSuiteTests
{
    private static readonly AwsCredentials Suite = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);
    private const string SuiteToken = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";

    public static TheoryData<string> Cases => new(Directory.GetFiles(Folder, "*.txt").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Fact]
    public void The_suite_is_all_there() => Assert.Equal(13, Cases.Count);

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_suite_request_gets_the_suites_authorization(string name)
    {
        var (request, expected) = Read(File.ReadAllText(Path.Combine(Folder, name + ".txt"), Encoding.UTF8));
        var credentials = name.Contains("session-token", StringComparison.Ordinal) ? Suite with { SessionToken = SuiteToken } : Suite;

        var added = SigV4Signer.Sign(request, credentials, "us-east-1", "service", SuiteTime);

        Assert.Equal(expected, added.Single(h => h.Key == "Authorization").Value);
        Assert.Equal("20150830T123600Z", added.Single(h => h.Key == "X-Amz-Date").Value);
        Assert.Equal(credentials.SessionToken, added.SingleOrDefault(h => h.Key == "X-Amz-Security-Token").Value);
    }

    [Fact]
    public void A_changed_header_value_changes_the_signature()
    {
        var (request, expected) = Read(File.ReadAllText(Path.Combine(Folder, "get-header-value-trim.txt"), Encoding.UTF8));
        var changed = request with { Headers = [.. request.Headers.Select(h => h.Key == "My-Header1" ? new(h.Key, "value2") : h)] };

        Assert.NotEqual(expected, SigV4Signer.Sign(changed, Suite, "us-east-1", "service", SuiteTime).Single(h => h.Key == "Authorization").Value);
    }

    [Fact]
    public void Date_and_token_headers_the_request_already_carries_are_replaced_not_signed_twice()
    {
        var (request, expected) = Read(File.ReadAllText(Path.Combine(Folder, "get-vanilla-with-session-token.txt"), Encoding.UTF8));
        var stale = request with { Headers = [.. request.Headers, new("X-Amz-Date", "20000101T000000Z"), new("x-amz-security-token", "old")] };

        var added = SigV4Signer.Sign(stale, Suite with { SessionToken = SuiteToken }, "us-east-1", "service", SuiteTime);

        Assert.Equal(expected, added.Single(h => h.Key == "Authorization").Value);
    }

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Aws", "Signing", "testdata", "aws-signing-test-suite");

    /// <summary>
    /// The request as the suite writes it (request line, "Name:value" headers, blank line, body),
    /// without the headers the signer adds itself, and the Authorization it must get.
    /// </summary>
    private static (SigV4Request Request, string Authorization) Read(string text)
    {
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var lines = text[..split].Split('\n');
        var body = text[(split + 2)..];
        // The target may hold spaces (get-space-normalized): it lies between the method and " HTTP/1.1".
        var target = lines[0][(lines[0].IndexOf(' ', StringComparison.Ordinal) + 1)..lines[0].LastIndexOf(' ')];
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var query = question < 0
            ? []
            : target[(question + 1)..].Split('&').Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p.Length > 1 ? p[1] : "")).ToList();
        var headers = lines[1..].Select(l => l.Split(':', 2)).Select(h => new KeyValuePair<string, string>(h[0], h[1])).ToList();
        var authorization = headers.Single(h => h.Key == "Authorization").Value;
        string[] added = ["Authorization", "X-Amz-Date", "X-Amz-Security-Token"];
        var signed = headers.Where(h => !added.Contains(h.Key)).ToList();
        var request = new SigV4Request(lines[0].Split(' ')[0], path, query, signed, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
        return (request, authorization);
    }
}
