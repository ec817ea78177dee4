using System.Globalization;
using System.Xml.Linq;

namespace Snapsight.AwsFake.Cloud;

/// <summary>
/// EC2 Query API responses as the API reference shapes them: the 2016-11-15 namespace, lists as
/// <c>item</c> elements under a <c>…Set</c>, member names as the SDKs' models give them
/// (a snapshot's state is <c>status</c>, an instance's public address <c>ipAddress</c>).
/// </summary>
public static class FakeEc2Xml
{
    public static readonly XNamespace Ec2 = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public static XElement Response(string action, params object?[] content) =>
        new(Ec2 + (action + "Response"), new XElement(Ec2 + "requestId", Guid.NewGuid()), content);

    public static XElement E(string name, params object?[] content) => new(Ec2 + name, content);

    /// <summary>An element only when the value is present.</summary>
    public static XElement? Optional(string name, object? value) => value is null ? null : E(name, value);

    public static XElement Items(string name, IEnumerable<XElement> items) => E(name, items.Select(i => E("item", i.Elements())));

    public static XElement TagSet(IEnumerable<KeyValuePair<string, string>> tags) =>
        Items("tagSet", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => E("tag", E("key", t.Key), E("value", t.Value))));

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>An EC2 error: no namespace, Response/Errors/Error with Code and Message, and RequestID.</summary>
    public static XElement Error(string code, string message) =>
        new("Response", new XElement("Errors", new XElement("Error", new XElement("Code", code), new XElement("Message", message))),
            new XElement("RequestID", Guid.NewGuid()));
}
