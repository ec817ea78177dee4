using System.Text.Json;
using Snapsight.Inventory;
using Snapsight.Inventory.Os;
using Snapsight.Scanning;

namespace Snapsight.Cli.Commands;

/// <summary>The <c>snapsight inventory --format json</c> document, in the shape CONTRACTS.md pins.</summary>
internal static class InventoryReportJson
{
    public static void Write(Stream output, ScanTarget target, InventoryResult inventory)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JsonOutput.Encoder });
        w.WriteStartObject();
        WriteFields(w, target.Describe(), inventory, target.Clock.Elapsed, []);
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
    public static void WriteFields(Utf8JsonWriter w, TargetDescription target, InventoryResult inventory, TimeSpan elapsed, IEnumerable<InventoryGap> moreGaps)
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
        if (target.Statistics is { } read)
        {
            w.WriteNumber("bytesRead", read.BytesRead);
            w.WriteNumber("deviceBytes", read.DeviceBytes);
            w.WriteNumber("readRequests", read.ReadRequests);
        }
        else
        {
            w.WriteNull("bytesRead");
            w.WriteNull("deviceBytes");
            w.WriteNull("readRequests");
        }

        w.WriteNumber("elapsedMs", (long)elapsed.TotalMilliseconds);
        w.WriteEndObject();
        w.WriteStartArray("gaps");
        foreach (var (where, reason) in ScanSbom.Gaps(target, inventory).Concat(moreGaps))
        {
            w.WriteStartObject();
            w.WriteString("where", where);
            w.WriteString("reason", reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

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

    private static void WriteFileSystems(Utf8JsonWriter w, TargetDescription target)
    {
        w.WriteStartArray("filesystems");
        foreach (var fileSystem in target.FileSystems)
        {
            w.WriteStartObject();
            w.WriteString("partition", fileSystem.Volume);
            w.WriteString("type", fileSystem.Type);
            w.WriteString("uuid", fileSystem.Uuid);
            w.WriteString("label", fileSystem.Label);
            w.WriteString("mountPoint", fileSystem.MountPoint);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
