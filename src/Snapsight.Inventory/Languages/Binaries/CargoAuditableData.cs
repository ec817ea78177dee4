using System.IO.Compression;
using System.Text.Json;
using Snapsight.Disk;

namespace Snapsight.Inventory.Languages.Binaries;

/// <summary>
/// The dependency list <c>cargo auditable</c> embeds in a Rust binary's <c>.dep-v0</c> section:
/// zlib-compressed JSON, <c>{"packages":[{"name","version","source","kind","dependencies","root"}]}</c>,
/// where a missing "kind" means a runtime dependency. Inflated with a cap on the output, so a
/// compression bomb stops at the cap; parsed with <see cref="JsonDocument"/> within a depth bound.
/// </summary>
internal static class CargoAuditableData
{
    /// <summary>The compressed section read at most; real ones are a few KiB.</summary>
    public const int MaxCompressedBytes = 8 << 20;

    /// <summary>JSON inflated at most; a thousand packages take about 100 KiB.</summary>
    public const int MaxJsonBytes = 8 << 20;

    public const int MaxPackages = 100_000;

    /// <summary>The format nests four deep (object, list, package, dependency list).</summary>
    private const int MaxDepth = 8;

    private const int MaxProblems = 10;

    public static CargoAuditableResult Parse(ReadOnlySpan<byte> compressed)
    {
        using var document = ParseJson(Inflate(compressed));
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("packages"u8, out var list)
            || list.ValueKind != JsonValueKind.Array)
        {
            throw Bad("the JSON has no \"packages\" list");
        }

        var packages = new List<CargoPackage>();
        var problems = new List<string>();
        var index = 0;
        foreach (var package in list.EnumerateArray())
        {
            if (packages.Count == MaxPackages)
            {
                problems.Add($"more than {MaxPackages} packages; the rest are not listed");
                break;
            }

            if (Read(package) is { } read)
            {
                packages.Add(read);
            }
            else if (problems.Count < MaxProblems)
            {
                problems.Add($"package {index} has no string \"name\" and \"version\"");
            }

            index++;
        }

        return new CargoAuditableResult(packages, problems);
    }

    private static CargoPackage? Read(JsonElement package)
    {
        if (package.ValueKind != JsonValueKind.Object
            || !package.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String
            || !package.TryGetProperty("version"u8, out var version) || version.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var kind = package.TryGetProperty("kind"u8, out var kindValue) && kindValue.ValueKind == JsonValueKind.String ? kindValue.GetString()! : CargoPackage.RuntimeKind;
        return new CargoPackage(name.GetString()!, version.GetString()!, kind);
    }

    private static ReadOnlyMemory<byte> Inflate(ReadOnlySpan<byte> compressed)
    {
        var output = new MemoryStream();
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed.ToArray(), writable: false), CompressionMode.Decompress);
            var buffer = new byte[81920];
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                if (output.Length + read > MaxJsonBytes)
                {
                    throw Bad($"the data inflates to more than {MaxJsonBytes} bytes");
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException e)
        {
            throw Bad($"the data is not zlib: {e.Message}");
        }

        return output.GetBuffer().AsMemory(0, (int)output.Length);
    }

    private static JsonDocument ParseJson(ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            throw Bad($"the JSON does not parse: {e.Message}");
        }
    }

    private static DiskFormatException Bad(string problem) => new("cargo-auditable", "dep-v0", 0, problem);
}
