using System.Net;

namespace Snapsight.AwsFake;

/// <summary>How every fake endpoint answers: a status, a content type and a whole body of known length.</summary>
internal static class FakeResponse
{
    public static void Send(HttpListenerContext context, int status, string contentType, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength64 = body.Length;
        context.Response.OutputStream.Write(body);
        context.Response.Close();
    }
}
