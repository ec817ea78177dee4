using System.Text.Json;
using Snapsight.Disk.Volumes;
using Snapsight.Scanning;

namespace Snapsight.Cli.Commands;

/// <summary>The <c>snapsight disk --json</c> document.</summary>
internal static class DiskReportJson
{
    public static void Write(Stream output, string imagePath, DiskInspection inspection)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JsonOutput.Encoder });
        w.WriteStartObject();
        w.WriteString("image", imagePath);
        w.WriteString("format", inspection.Format);
        w.WriteNumber("virtualSize", inspection.VirtualSize);
        if (inspection.PartitionTable is { } table)
        {
            w.WriteStartObject("partitionTable");
            w.WriteString("scheme", table.Scheme);
            w.WriteNumber("sectorSize", table.SectorSize);
            w.WriteEndObject();
        }

        w.WriteStartArray("volumes");
        foreach (var v in inspection.Volumes)
        {
            w.WriteStartObject();
            w.WriteString("name", v.Name);
            WriteNumberOrNull(w, "partition", v.PartitionNumber);
            WriteNumberOrNull(w, "offset", v.Offset);
            w.WriteNumber("size", v.Length);
            w.WriteString("partitionType", v.PartitionType);
            w.WriteString("partitionName", v.PartitionName);
            w.WriteString("partitionUuid", v.PartitionUuid?.ToString());
            w.WriteString("content", v.Content.ToString().ToLowerInvariant());
            w.WriteString("filesystem", v.FileSystem?.Type);
            w.WriteString("uuid", v.FileSystem?.Uuid);
            w.WriteString("label", v.FileSystem?.Label);
            w.WriteString("mountPoint", MountPoints.Of(inspection, v));
            w.WriteString("problem", v.Problem);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("root", inspection.RootVolume?.Name);
        w.WriteStartArray("gaps");
        foreach (var gap in inspection.Gaps)
        {
            w.WriteStartObject();
            w.WriteString("where", gap.Where);
            w.WriteString("reason", gap.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("warnings");
        foreach (var warning in inspection.Warnings)
        {
            w.WriteStringValue(warning);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
