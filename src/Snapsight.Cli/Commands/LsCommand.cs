using System.CommandLine;
using System.Text;
using System.Text.Json;
using Snapsight.Disk;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.Volumes;

namespace Snapsight.Cli.Commands;

/// <summary><c>snapsight ls IMAGE [DIR]</c>: list a directory inside a disk image, without mounting it.</summary>
internal static class LsCommand
{
    public static Command Build()
    {
        var image = new Argument<string>("image") { Description = "The disk image: raw, qcow2, VMDK, VHD or VHDX (recognised from its content)." };
        var directory = new Argument<string>("dir")
        {
            Description = "The directory to list, as an absolute path inside the image.",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "/",
        };
        var recursive = new Option<bool>("--recursive", "-r") { Description = "List everything below DIR too (symbolic links are listed, not followed)." };
        var json = new Option<bool>("--json") { Description = "One JSON object per line: path, type, mode, uid, gid, size, inode, and target for symbolic links." };
        var volumes = new VolumeOptions();
        var stats = new ReadStatsOption();

        var command = new Command("ls", "List files inside a disk image, read-only, without mounting it.\n\n" +
            "Without --partition or --volume the root file system is listed, with the volumes its /etc/fstab mounts.\n\n" +
            "Examples:\n  snapsight ls disk.qcow2 /etc\n  snapsight ls disk.vmdk / --recursive --json > files.jsonl\n  snapsight ls disk.img /EFI --partition 1")
        {
            image, directory, recursive, json, stats.Option,
        };
        volumes.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var imagePath = ImagePath.Check(parse.GetValue(image)!);
            using var inspection = await DiskInspector.InspectAsync(imagePath, cancellationToken).ConfigureAwait(false);
            var tree = volumes.SelectTree(parse, inspection, imagePath);
            var path = parse.GetValue(directory)!;
            var start = await FindStartAsync(tree, path, imagePath, cancellationToken).ConfigureAwait(false);

            await using var stdout = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
            using var printer = new EntryPrinter(stdout, parse.GetValue(json));
            if (start.Node.Type != FileType.Directory)
            {
                await printer.PrintAsync(start, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var entries = parse.GetValue(recursive)
                    ? tree.WalkAsync(start.Path, cancellationToken: cancellationToken)
                    : tree.ListAsync(start.Path, cancellationToken);
                await foreach (var entry in entries.ConfigureAwait(false))
                {
                    await printer.PrintAsync(entry, cancellationToken).ConfigureAwait(false);
                }
            }

            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            foreach (var issue in tree.Issues.Concat(printer.Issues))
            {
                await Console.Error.WriteLineAsync($"snapsight: warning: {TreePath.Printable(issue.Path)}: {TreePath.Printable(issue.Message)}").ConfigureAwait(false);
            }

            stats.Report(parse, inspection);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// What to list for DIR, as `ls` does: a directory's entries; a symbolic link to a directory,
    /// that directory's entries; anything else (a dangling or looping link too), the entry itself.
    /// </summary>
    private static async Task<TreeEntry> FindStartAsync(FileTree tree, string path, string imagePath, CancellationToken cancellationToken)
    {
        var entry = await tree.StatAsync(path, followFinalSymlink: false, cancellationToken).ConfigureAwait(false)
            ?? throw new UsageException($"{path} does not exist in {imagePath}");
        if (entry.Node.Type != FileType.Symlink)
        {
            return entry;
        }

        try
        {
            var target = await tree.StatAsync(path, followFinalSymlink: true, cancellationToken).ConfigureAwait(false);
            return target is { Node.Type: FileType.Directory } ? target : entry;
        }
        catch (DiskFormatException)
        {
            return entry;
        }
    }

    /// <summary>Writes entries as `ls -l`-style lines or as the JSON lines of the contract.</summary>
    private sealed class EntryPrinter(Stream output, bool json) : IDisposable
    {
        private readonly Utf8JsonWriter _writer = new(output, new JsonWriterOptions { SkipValidation = true, Encoder = JsonOutput.Encoder });

        /// <summary>Links whose target could not be read: listed without one, and reported.</summary>
        public List<TreeIssue> Issues { get; } = [];

        public void Dispose() => _writer.Dispose();

        public async ValueTask PrintAsync(TreeEntry entry, CancellationToken cancellationToken)
        {
            var node = entry.Node;
            string? target = null;
            if (node.Type == FileType.Symlink)
            {
                try
                {
                    target = await entry.FileSystem.ReadLinkAsync(node.Id, cancellationToken).ConfigureAwait(false);
                }
                catch (DiskFormatException e)
                {
                    Issues.Add(new TreeIssue(entry.Path, $"the link target cannot be read: {e.Message}"));
                }
            }

            if (json)
            {
                _writer.Reset(output);
                _writer.WriteStartObject();
                _writer.WriteString("path", entry.Path);
                _writer.WriteString("type", node.Type.ToContractName());
                _writer.WriteString("mode", node.OctalPermissions);
                _writer.WriteNumber("uid", node.Uid);
                _writer.WriteNumber("gid", node.Gid);
                _writer.WriteNumber("size", node.Size);
                _writer.WriteNumber("inode", node.Id);
                if (target is not null)
                {
                    _writer.WriteString("target", target);
                }

                _writer.WriteEndObject();
                _writer.Flush();
                output.WriteByte((byte)'\n');
                return;
            }

            var line = $"{ModeString.Of(node)} {node.Uid,5} {node.Gid,5} {node.Size,12} {TreePath.Printable(entry.Path, int.MaxValue)}{(target is null ? "" : $" -> {TreePath.Printable(target, int.MaxValue)}")}\n";
            output.Write(Encoding.UTF8.GetBytes(line));
        }
    }
}
