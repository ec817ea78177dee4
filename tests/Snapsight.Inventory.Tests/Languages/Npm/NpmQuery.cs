using System.Text.Json;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Inventory.Tests.Languages.Npm;

/// <summary>The oracle: npm's own view of an installed tree, <c>npm query '*'</c> (every node, nested ones included, once each).</summary>
internal static class NpmQuery
{
    /// <summary>One installed package as npm describes it; Licence is package.json's "license" when a string or {"type"}.</summary>
    public sealed record Node(string Name, string Version, string Location, string? Licence);

    /// <summary>The packages installed in the project at <paramref name="projectFolder"/>, the project itself left out.</summary>
    public static IReadOnlyList<Node> Installed(string projectFolder)
    {
        using var document = JsonDocument.Parse(Tool.Run("npm", "query", "*", "--prefix", projectFolder));
        return
        [
            .. document.RootElement.EnumerateArray()
                .Where(node => node.GetProperty("location").GetString() is { Length: > 0 })
                .Select(node => new Node(
                    node.GetProperty("name").GetString()!,
                    node.GetProperty("version").GetString()!,
                    node.GetProperty("location").GetString()!,
                    node.TryGetProperty("license", out var license) ? LicenceOf(license) : null)),
        ];
    }

    private static string? LicenceOf(JsonElement license) => license.ValueKind switch
    {
        JsonValueKind.String => license.GetString(),
        JsonValueKind.Object when license.TryGetProperty("type", out var type) => type.GetString(),
        _ => null,
    };
}
