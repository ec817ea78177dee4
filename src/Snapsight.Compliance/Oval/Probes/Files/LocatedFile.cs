using Snapsight.Disk.FileSystems;

namespace Snapsight.Compliance.Oval.Probes.Files;

/// <summary>
/// A file an object names: the directory it was found in, its name (null when the object names
/// the directory itself, a nil filename), and what lstat says about it.
/// </summary>
internal sealed record LocatedFile(string Path, string? FileName, TreeEntry Entry)
{
    public string FilePath => FileName is null ? Path : TreePath.Combine(Path, FileName);
}
