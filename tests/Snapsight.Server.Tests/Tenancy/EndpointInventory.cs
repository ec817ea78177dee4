using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Tenancy;

/// <summary>
/// The server's operations, written "METHOD /path/{parameter}" as the OpenAPI document writes
/// them: once as the document the server serves lists them, once as the app's routing has them mapped.
/// </summary>
public static class EndpointInventory
{
    private static readonly string[] OperationKeys = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>Every operation of the served <c>/openapi/v1.json</c>.</summary>
    public static async Task<IReadOnlySet<string>> DocumentedAsync(RunningServer server)
    {
        using var client = server.Client();
        var document = JsonNode.Parse(await client.GetStringAsync("openapi/v1.json"))!;
        return document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(item => OperationKeys.Contains(item.Key))
                .Select(item => $"{item.Key.ToUpperInvariant()} {path.Key}"))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every route the app answers, from its endpoint data source (what requests are matched against).</summary>
    public static IReadOnlySet<string> Mapped(RunningServer server) =>
        server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {Path(endpoint.RoutePattern)}"))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The route's template without constraints or defaults: <c>{id:guid}</c> becomes <c>{id}</c>.</summary>
    private static string Path(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            _ => throw new InvalidOperationException($"unknown route part {part}"),
        }))));
}
