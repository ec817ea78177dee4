using System.Globalization;
using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Oval.Probes.Files;

/// <summary>
/// The behaviors of file-locating objects (OVAL 5.11 unix FileBehaviors, shared by
/// textfilecontent54 and xmlfilecontent): how far to recurse from each matching path, and in
/// which direction. Absent attributes take the schema's defaults (no recursion; "symlinks and
/// directories"; unlimited depth; any file system).
/// </summary>
internal sealed record FileBehaviors(int MaxDepth, string Direction, bool FollowSymlinks, bool EnterDirectories, bool SameFileSystem)
{
    public static FileBehaviors From(ProbeRequest request)
    {
        var recurse = request.Behavior("recurse") ?? "symlinks and directories";
        var maxDepth = int.TryParse(request.Behavior("max_depth"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var depth) ? depth : -1;
        return new FileBehaviors(
            maxDepth,
            request.Behavior("recurse_direction") ?? "none",
            recurse.Contains("symlinks", StringComparison.Ordinal),
            recurse.Contains("directories", StringComparison.Ordinal),
            request.Behavior("recurse_file_system") == "defined");
    }

    /// <summary>How many levels recursion may go: max_depth, with "unlimited" (-1) bounded by the walk's own cap.</summary>
    public int Levels(int cap) => Direction == "none" || MaxDepth == 0 ? 0 : MaxDepth < 0 ? cap : Math.Min(MaxDepth, cap);
}
