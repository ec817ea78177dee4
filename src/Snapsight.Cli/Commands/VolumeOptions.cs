using System.CommandLine;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Volumes;

namespace Snapsight.Cli.Commands;

/// <summary>
/// The <c>--partition N | --volume NAME</c> pair shared by <c>ls</c> and <c>cat</c>, and the
/// choice of file tree they make: one volume alone, or by default the root with its fstab mounts
/// (or the only file system, on a disk without an operating system).
/// </summary>
internal sealed class VolumeOptions
{
    public Option<int?> Partition { get; } = new("--partition", "-p")
    {
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0)
            {
                return number;
            }

            result.AddError($"--partition takes a partition number such as 2, not '{text}'");
            return null;
        },
        Description = "Read partition N alone (numbered as Linux does: 1–4 primary, 5+ logical; see `snapsight disk`).",
    };

    public Option<string?> Volume { get; } = new("--volume")
    {
        Description = "Read one volume alone by the name `snapsight disk` shows: p2, vg0/root, or disk for a bare file system.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Partition);
        command.Options.Add(Volume);
        command.Validators.Add(result =>
        {
            if (result.GetResult(Partition) is not null && result.GetResult(Volume) is not null)
            {
                result.AddError("--partition and --volume cannot be used together.");
            }
        });
    }

    /// <summary>
    /// The tree to read. With <paramref name="emptyTreeForWindows"/> (inventory), a disk whose only
    /// system is Windows on NTFS gives an empty tree, so the report still runs and names the gap.
    /// </summary>
    public FileTree SelectTree(ParseResult parse, DiskInspection inspection, string image, bool emptyTreeForWindows = false)
    {
        var wanted = parse.GetValue(Partition)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? parse.GetValue(Volume);
        if (wanted is null)
        {
            if (inspection.Assembly is { } assembly)
            {
                return assembly.Tree;
            }

            // No operating system anywhere (a data disk): one readable file system is still unambiguous.
            var readable = inspection.Volumes.Where(v => v.FileSystem is not null).ToList();
            if (readable.Count == 0 && emptyTreeForWindows && inspection.HoldsWindows)
            {
                return FileTree.Empty();
            }

            return readable.Count == 1
                ? new FileTree(readable[0].FileSystem!)
                : throw new UsageException($"no root file system was found on {image}; pick a volume with --partition N or --volume NAME (`snapsight disk {image}` lists them)");
        }

        var volume = inspection.Volumes.FirstOrDefault(v => v.IsNamed(wanted))
            ?? throw new UsageException($"{image} has no volume {wanted}; it has {string.Join(", ", inspection.Volumes.Select(v => v.Name))}");
        if (volume.FileSystem is null)
        {
            var why = volume.Problem ?? $"it holds {volume.Content.ToString().ToLowerInvariant()} content, not a readable file system";
            throw new UsageException($"volume {volume.Name} of {image} cannot be read: {why}");
        }

        return new FileTree(volume.FileSystem);
    }
}
