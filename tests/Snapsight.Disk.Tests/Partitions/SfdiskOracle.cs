using System.Text.Json;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Disk.Tests.Partitions;

/// <summary>One partition as <c>sfdisk --json</c> reports it (sectors, type as sfdisk spells it).</summary>
public sealed record SfdiskPartition(int Number, long Start, long Size, string Type, string? Uuid, string? Name);

public sealed record SfdiskTable(string Label, string Id, int SectorSize, IReadOnlyList<SfdiskPartition> Partitions);

/// <summary>Builds disks with util-linux sfdisk and reads them back with <c>sfdisk --json</c>: the oracle for the partition tests.</summary>
public static class SfdiskOracle
{
    public static string CreateDisk(TempDirectory directory, string name, long bytes, string script)
    {
        var path = directory.File(name);
        using (var file = File.Create(path))
        {
            file.SetLength(bytes);
        }

        Tool.Run("sfdisk", ["-q", "--no-reread", "--no-tell-kernel", path], script, null);
        return path;
    }

    public static SfdiskTable Read(string device)
    {
        using var json = JsonDocument.Parse(Tool.Run("sfdisk", "--json", device));
        var table = json.RootElement.GetProperty("partitiontable");
        var partitions = table.GetProperty("partitions").EnumerateArray().Select(p => new SfdiskPartition(
            NodeNumber(p.GetProperty("node").GetString()!),
            p.GetProperty("start").GetInt64(),
            p.GetProperty("size").GetInt64(),
            p.GetProperty("type").GetString()!,
            p.TryGetProperty("uuid", out var uuid) ? uuid.GetString() : null,
            p.TryGetProperty("name", out var name) ? name.GetString() : null)).ToList();
        return new SfdiskTable(
            table.GetProperty("label").GetString()!,
            table.GetProperty("id").GetString()!,
            table.GetProperty("sectorsize").GetInt32(),
            partitions);
    }

    /// <summary>"disk.img12" or "/dev/loop0p3": the trailing digits are the partition number.</summary>
    private static int NodeNumber(string node)
    {
        var digits = node.Length;
        while (digits > 0 && char.IsAsciiDigit(node[digits - 1]))
        {
            digits--;
        }

        return int.Parse(node[digits..]);
    }
}
