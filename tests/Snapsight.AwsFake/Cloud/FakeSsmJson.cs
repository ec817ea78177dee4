using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Snapsight.AwsFake.Cloud;

/// <summary>
/// The AWS JSON 1.1 protocol of the fake SSM endpoint: a POST to / whose X-Amz-Target is
/// <c>AmazonSSM.&lt;Action&gt;</c> and whose body is the request object; the answer is the result
/// object, or an error object whose <c>__type</c> is the error code.
/// </summary>
internal static class FakeSsmJson
{
    public const string ContentType = "application/x-amz-json-1.1";

    public static void Answer(HttpListenerContext context, FakeAwsCloud cloud, SignedCaller caller, byte[] body)
    {
        var target = context.Request.Headers["X-Amz-Target"] ?? "";
        if (context.Request.HttpMethod != "POST" || !target.StartsWith(FakeAwsCloud.SsmTargetPrefix, StringComparison.Ordinal)
            || context.Request.ContentType?.StartsWith(ContentType, StringComparison.Ordinal) != true)
        {
            Write(context, 400, Error("UnknownOperationException", $"expected a POST of {ContentType} with X-Amz-Target AmazonSSM.<Action>, not '{target}'"));
            return;
        }

        JsonObject request;
        try
        {
            request = JsonNode.Parse(body.Length == 0 ? "{}"u8 : body) as JsonObject
                ?? throw new JsonException("the body is not a JSON object");
        }
        catch (JsonException e)
        {
            Write(context, 400, Error("SerializationException", e.Message));
            return;
        }

        try
        {
            Write(context, 200, cloud.Ssm(caller, target[FakeAwsCloud.SsmTargetPrefix.Length..], request));
        }
        catch (FakeAwsErrorException e)
        {
            Write(context, e.Status, Error(e.Code, e.Message));
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            // A field of the wrong JSON type (a string for MaxResults, say).
            Write(context, 400, Error("SerializationException", e.Message));
        }
    }

    public static JsonObject Error(string code, string message) => new() { ["__type"] = code, ["message"] = message };

    public static void Write(HttpListenerContext context, int status, JsonObject answer)
    {
        var bytes = Encoding.UTF8.GetBytes(answer.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength64 = bytes.Length;
        context.Response.AddHeader("x-amzn-RequestId", Guid.NewGuid().ToString());
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }
}
