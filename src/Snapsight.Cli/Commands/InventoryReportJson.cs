using System.Text.Json;
using Snapsight.Inventory;
using Snapsight.Inventory.Os;

namespace Snapsight.Cli.Commands;

/// <summary>The <c>snapsight inventory --format json</c> document, in the shape CONTRACTS.md pins.</summary>
internal static class InventoryReportJson
{
    public static void Write(Stream output, InventoryTarget target, InventoryResult inventory)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JsonOutput.Encoder });
        w.WriteStartObject();
        WriteFields(w, target, inventory, []);
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>The <c>os</c> member: family, name, version, versionId and codename, or null when the system cannot be told.</summary>
    public static void WriteOs(Utf8JsonWriter w, OperatingSystemInfo? os)
    {
        if (os is null)
        {
            w.WriteNull("os");
            return;
        }

        w.WriteStartObject("os");
        w.WriteString("family", os.Family);
        w.WriteString("name", os.Name);
        w.WriteString("version", os.Version);
        w.WriteString("versionId", os.VersionId);
        w.WriteString("codename", os.Codename);
        w.WriteEndObject();
    }

    /// <summary>The inventory's fields into an open object: <c>scan image</c> writes the same ones, adding its own gaps.</summary>
    public static void WriteFields(Utf8JsonWriter w, InventoryTarget target, InventoryResult inventory, IEnumerable<InventoryGap> moreGaps)
    {
        w.WriteString("target", target.Path);
        WriteOs(w, inventory.Os);
        WriteFileSystems(w, target);
        w.WriteStartArray("packages");
        foreach (var (package, purl) in inventory.Packages)
        {
            w.WriteStartObject();
            w.WriteString("type", package.Type);
            w.WriteString("name", package.Name);
            w.WriteString("version", package.Version);
            if (package.Epoch is { } epoch)
            {
                w.WriteNumber("epoch", epoch);
            }
            else
            {
                w.WriteNull("epoch"); // only rpm has epochs apart; dpkg keeps its epoch in the version
            }

            w.WriteString("arch", package.Arch);
            w.WriteString("sourceName", package.SourceName);
            w.WriteString("sourceVersion", package.SourceVersion);
            w.WriteString("purl", purl);
            w.WriteString("location", package.Location);
            if (package.Licence is not null)
            {
                w.WriteString("licence", package.Licence);
            }

            if (package.OwnedBy is not null)
            {
                w.WriteString("ownedBy", package.OwnedBy);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteKernels(w, inventory);
        w.WriteStartObject("stats");
        if (target.Inspection is { } inspection)
        {
            w.WriteNumber("bytesRead", inspection.Container.Statistics.BytesRead);
            w.WriteNumber("deviceBytes", inspection.Container.Length);
            w.WriteNumber("readRequests", inspection.Container.Statistics.ReadRequests);
        }
        else
        {
            w.WriteNull("bytesRead");
            w.WriteNull("deviceBytes");
            w.WriteNull("readRequests");
        }

        w.WriteNumber("elapsedMs", target.Clock.ElapsedMilliseconds);
        w.WriteEndObject();
        w.WriteStartArray("gaps");
        foreach (var (where, reason) in Gaps(target, inventory).Concat(moreGaps.Select(g => (g.Where, g.Reason))))
        {
            w.WriteStartObject();
            w.WriteString("where", where);
            w.WriteString("reason", reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>The disk's gaps first (what could not be read at all), then the inventory's.</summary>
    public static IEnumerable<(string Where, string Reason)> Gaps(InventoryTarget target, InventoryResult inventory) =>
        (target.Inspection?.Gaps.Select(g => (g.Where, g.Reason)) ?? [])
            .Concat(inventory.Gaps.Select(g => (g.Where, g.Reason)));

    private static void WriteKernels(Utf8JsonWriter w, InventoryResult inventory)
    {
        w.WriteStartArray("kernels");
        foreach (var kernel in inventory.Kernels)
        {
            w.WriteStartObject();
            w.WriteString("release", kernel.Release);
            w.WriteString("package", kernel.Package);
            w.WriteString("version", kernel.Version);
            w.WriteString("image", kernel.Image);
            w.WriteBoolean("bootDefault", kernel.IsBootDefault);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteFileSystems(Utf8JsonWriter w, InventoryTarget target)
    {
        w.WriteStartArray("filesystems");
        if (target.Inspection is { } inspection)
        {
            foreach (var volume in inspection.Volumes.Where(v => v.FileSystem is not null))
            {
                w.WriteStartObject();
                w.WriteString("partition", volume.Name);
                w.WriteString("type", volume.FileSystem!.Type);
                w.WriteString("uuid", volume.FileSystem.Uuid);
                w.WriteString("label", volume.FileSystem.Label);
                w.WriteString("mountPoint", MountPoints.Of(inspection, volume));
                w.WriteEndObject();
            }
        }
        else
        {
            w.WriteStartObject();
            w.WriteNull("partition");
            w.WriteString("type", "directory");
            w.WriteNull("uuid");
            w.WriteNull("label");
            w.WriteString("mountPoint", "/");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
