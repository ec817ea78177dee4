using System.Text.Json;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory;
using Snapsight.Inventory.Packages;

namespace Snapsight.Advisories.Tests.Matching.Trivy;

/// <summary>
/// Trivy's full installed-package lists (../shared/data/golden/trivy/fanal-package-lists/packages)
/// as our inventory packages: Version and Release join as dpkg and apk print them, with the
/// epoch in front ("1:2.3-4") as dpkg-query does; the source name and version likewise.
/// </summary>
internal static class TrivyPackageList
{
    public static IReadOnlyList<InventoryPackage> Read(string file, string type)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedData.Path("golden", "trivy", "fanal-package-lists", "packages", file)));
        return document.RootElement.EnumerateArray().Select(p =>
        {
            var package = new InstalledPackage
            {
                Type = type,
                Name = p.GetProperty("Name").GetString()!,
                Version = Full(p, "Epoch", "Version", "Release"),
                SourceName = p.TryGetProperty("SrcName", out var source) ? source.GetString() : null,
                SourceVersion = p.TryGetProperty("SrcVersion", out _) ? Full(p, "SrcEpoch", "SrcVersion", "SrcRelease") : null,
                Location = "/var/lib/dpkg/status",
            };
            return new InventoryPackage(package, $"pkg:{type}/{package.Name}@{package.Version}");
        }).ToList();
    }

    private static string Full(JsonElement package, string epoch, string version, string release)
    {
        var text = package.GetProperty(version).GetString()!;
        if (package.TryGetProperty(release, out var r) && r.GetString() is { Length: > 0 } releaseText)
        {
            text += "-" + releaseText;
        }

        return package.TryGetProperty(epoch, out var e) && e.GetInt32() > 0 ? $"{e.GetInt32()}:{text}" : text;
    }
}
