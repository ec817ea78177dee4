using System.Net;
using System.Text;
using System.Xml.Linq;

namespace Snapsight.AwsFake.Cloud;

/// <summary>
/// The EC2 and STS Query APIs of a <see cref="FakeAwsCloud"/> on loopback (POSTed form bodies,
/// XML answers), its minimal KMS and its SSM API (both AWS JSON 1.1: the action in X-Amz-Target, JSON both ways). Every request must carry a valid Signature Version 4 (service ec2, sts, kms or ssm) from
/// credentials the cloud issued, recomputed here from what arrived; the signing service says
/// which API is meant, the signing region which region (aws:RequestedRegion).
/// </summary>
public sealed class FakeAwsServer : IDisposable
{
    private const int MaxBodyBytes = 1 << 20;

    private readonly LoopbackListener _listener;
    private long _rejectedSignatures;

    public FakeAwsServer(FakeAwsCloud cloud)
    {
        Cloud = cloud;
        _listener = new LoopbackListener(AnswerAsync);
    }

    public FakeAwsCloud Cloud { get; }

    public Uri Endpoint => _listener.Endpoint;

    public long RejectedSignatures => Interlocked.Read(ref _rejectedSignatures);

    public void Dispose() => _listener.Dispose();

    private async Task AnswerAsync(HttpListenerContext context)
    {
        // Read one byte more than allowed: a longer body is refused without being held.
        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int n;
        while (length < buffer.Length && (n = await context.Request.InputStream.ReadAsync(buffer.AsMemory(length)).ConfigureAwait(false)) > 0)
        {
            length += n;
        }

        if (length > MaxBodyBytes)
        {
            Write(context, 413, FakeEc2Xml.Error("RequestEntityTooLarge", "The request is too large."));
            return;
        }

        var body = buffer[..length];
        var (caller, problem) = FakeSigV4.Verify(context, body, Cloud.Credentials,
            (region, service) => service is not ("ec2" or "sts" or "kms" or "ssm") ? $"service {service} is not served here"
                : Cloud.IsKnownRegion(region) ? null : $"region {region} is not served");
        if (caller is null)
        {
            Interlocked.Increment(ref _rejectedSignatures);
            var message = $"The request signature we calculated does not match the signature you provided: {problem}";
            var authorization = context.Request.Headers["Authorization"] ?? "";
            if (authorization.Contains("/ssm/aws4_request", StringComparison.Ordinal))
            {
                FakeSsmJson.Write(context, 400, FakeSsmJson.Error("InvalidSignatureException", message));
                return;
            }

            var isSts = authorization.Contains("/sts/aws4_request", StringComparison.Ordinal);
            Write(context, 403, isSts ? FakeAwsCloud.StsError("SignatureDoesNotMatch", message) : FakeEc2Xml.Error("AuthFailure", message));
            return;
        }

        if (caller.Service == "kms")
        {
            var (status, json) = Cloud.Kms(caller, context.Request.Headers["X-Amz-Target"], body);
            WriteJson(context, status, json);
            return;
        }

        if (caller.Service == "ssm")
        {
            FakeSsmJson.Answer(context, Cloud, caller, body);
            return;
        }

        var query = FakeQuery.Parse(Encoding.UTF8.GetString(body));
        try
        {
            Write(context, 200, caller.Service == "sts" ? Cloud.Sts(caller, query) : Cloud.Ec2(caller, query));
        }
        catch (FakeAwsErrorException e)
        {
            Write(context, e.Status, caller.Service == "sts" ? FakeAwsCloud.StsError(e.Code, e.Message) : FakeEc2Xml.Error(e.Code, e.Message));
        }
        catch (FormatException e)
        {
            Write(context, 400, FakeEc2Xml.Error("InvalidParameterValue", e.Message));
        }
    }

    private static void WriteJson(HttpListenerContext context, int status, System.Text.Json.Nodes.JsonObject json) =>
        FakeResponse.Send(context, status, "application/x-amz-json-1.1", Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static void Write(HttpListenerContext context, int status, XElement xml) =>
        FakeResponse.Send(context, status, "text/xml;charset=UTF-8",
            Encoding.UTF8.GetBytes(new XDocument(new XDeclaration("1.0", "UTF-8", null), xml).Declaration + xml.ToString(SaveOptions.DisableFormatting)));
}
