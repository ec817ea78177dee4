using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Compliance.Oval.Probes.Files;

/// <summary>
/// file_object (unix): what lstat says about each file the object names: type, owner, size,
/// modification time and the permission bits one by one. A directory named with a nil filename
/// is an item with an empty filename and no filepath, as OpenSCAP reports it. Access and change
/// times and extended ACLs are not in the file tree's node, so they are left out (never guessed).
/// </summary>
internal sealed class FileProbe : IOvalProbe
{
    public OvalTypeName ObjectType { get; } = new("file_object", "unix");

    public Task<CollectedObject> CollectAsync(ProbeRequest request, ProbeContext context, CancellationToken cancellationToken) =>
        ProbeGuard.RunAsync(request, async () =>
        {
            var files = await new FileLocator(context.Tree, cancellationToken).LocateAsync(request).ConfigureAwait(false);
            return CollectedObject.Found([.. files.Select(ItemOf)]);
        });

    private static OvalItem ItemOf(LocatedFile file)
    {
        var node = file.Entry.Node;
        var entities = new ItemEntities();
        if (file.FileName is not null)
        {
            entities.Add("filepath", file.FilePath);
        }

        entities
            .Add("path", file.Path)
            .Add("filename", file.FileName ?? "")
            .Add("type", TypeName(node.Type))
            .Add("group_id", node.Gid)
            .Add("user_id", node.Uid);
        if (node.ModifiedAt is { } modified)
        {
            entities.Add("m_time", modified.ToUnixTimeSeconds());
        }

        var mode = node.Permissions;
        entities
            .Add("size", node.Size)
            .Add("suid", (mode & 0x800) != 0)
            .Add("sgid", (mode & 0x400) != 0)
            .Add("sticky", (mode & 0x200) != 0)
            .Add("uread", (mode & 0x100) != 0)
            .Add("uwrite", (mode & 0x80) != 0)
            .Add("uexec", (mode & 0x40) != 0)
            .Add("gread", (mode & 0x20) != 0)
            .Add("gwrite", (mode & 0x10) != 0)
            .Add("gexec", (mode & 0x8) != 0)
            .Add("oread", (mode & 0x4) != 0)
            .Add("owrite", (mode & 0x2) != 0)
            .Add("oexec", (mode & 0x1) != 0);
        return entities.ToItem($"{file.FilePath} {node.OctalPermissions} {node.Uid}:{node.Gid}");
    }

    /// <summary>The words of the unix system-characteristics schema's EntityItemFileTypeType.</summary>
    private static string TypeName(FileType type) => type switch
    {
        FileType.File => "regular",
        FileType.Directory => "directory",
        FileType.Symlink => "symbolic link",
        FileType.CharDevice => "character special",
        FileType.BlockDevice => "block special",
        FileType.Fifo => "fifo",
        FileType.Socket => "socket",
        _ => "",
    };
}
