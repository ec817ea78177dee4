using Snapsight.Disk;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Inventory.Os;

/// <summary>
/// Finds the operating system of a file tree from its release files (the exact paths in
/// <see cref="ReleaseFiles"/>, looked up, never walked), deciding between them by
/// <see cref="ReleasePrecedence"/>. Every file it cannot use becomes a gap that names it; the
/// only exception it lets out is cancellation.
/// </summary>
public static class OperatingSystemDetector
{
    public static async Task<OperatingSystemDetection> DetectAsync(FileTree tree, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var filesRead = new List<string>();
        var gaps = new List<(string Where, string Reason)>();

        ReleaseClaim? osRelease = null;
        foreach (var path in ReleaseFiles.OsRelease)
        {
            var text = await ReadAsync(tree, path, filesRead, gaps, ct).ConfigureAwait(false);
            if (text is null)
            {
                continue;
            }

            var fields = OsReleaseParser.Parse(text);
            if (fields.IgnoredLines > 0)
            {
                gaps.Add((path, $"{fields.IgnoredLines} lines are not KEY=value assignments and were ignored"));
            }

            osRelease = OsReleaseInterpreter.Interpret(path, fields);
            if (osRelease is null)
            {
                gaps.Add((path, "has no ID, so it names no operating system"));
            }

            break; // os-release(5): the first one that exists is the one, even when it says too little.
        }

        var claims = new List<ReleaseClaim>();
        foreach (var file in ReleaseFiles.DistroSpecific)
        {
            var text = await ReadAsync(tree, file.Path, filesRead, gaps, ct).ConfigureAwait(false);
            if (text is null)
            {
                continue;
            }

            if (file.Parse(file.Path, text) is { } claim)
            {
                claims.Add(claim);
            }
            else
            {
                gaps.Add((file.Path, "does not say which release it is in the form this file has"));
            }
        }

        var decision = ReleasePrecedence.Decide(osRelease, claims);
        gaps.AddRange(decision.Gaps);
        var os = decision.Os;
        if (os is null && filesRead.Count == 0)
        {
            os = await DetectWindowsAsync(tree, gaps, ct).ConfigureAwait(false);
        }

        if (os is null && decision.Gaps.Count == 0)
        {
            gaps.Add(("/", filesRead.Count == 0
                ? "no release file (os-release, a distro's release file) and no Windows directory: the operating system cannot be told"
                : $"none of {string.Join(", ", filesRead)} names an operating system we know"));
        }

        var esm = os?.Family == "ubuntu" && await DetectEsmAsync(tree, filesRead, gaps, ct).ConfigureAwait(false);
        return new OperatingSystemDetection(os, decision.ExactRelease, esm, filesRead, gaps);
    }

    /// <summary>Reads one file; returns null when it is missing or unusable, recording the latter as a gap.</summary>
    private static async Task<string?> ReadAsync(
        FileTree tree, string path, List<string> filesRead, List<(string, string)> gaps, CancellationToken ct)
    {
        var read = await ReleaseFileReader.ReadAsync(tree, path, ct).ConfigureAwait(false);
        if (read.Missing)
        {
            return null;
        }

        if (read.Problem is { } problem)
        {
            gaps.Add((path, $"cannot be read: {problem}"));
            return null;
        }

        filesRead.Add(path);
        if (read.Truncated)
        {
            gaps.Add((path, $"is larger than {ReleaseFileReader.MaxBytes / 1024} KiB; only its first {ReleaseFileReader.MaxBytes / 1024} KiB were read"));
        }

        return read.Text;
    }

    private static async Task<OperatingSystemInfo?> DetectWindowsAsync(FileTree tree, List<(string, string)> gaps, CancellationToken ct)
    {
        foreach (var path in ReleaseFiles.WindowsSystemDirectories)
        {
            try
            {
                var entry = await tree.StatAsync(path, followFinalSymlink: true, ct).ConfigureAwait(false);
                if (entry?.Node.Type == FileType.Directory)
                {
                    gaps.Add((path, "Windows volumes are not inventoried yet (NTFS)"));
                    return new OperatingSystemInfo("windows", "Windows", null, null, null, path);
                }
            }
            catch (Exception e) when (e is DiskFormatException or IOException)
            {
                gaps.Add((path, $"cannot be looked up: {e.Message}"));
            }
        }

        return null;
    }

    private static async Task<bool> DetectEsmAsync(FileTree tree, List<string> filesRead, List<(string, string)> gaps, CancellationToken ct)
    {
        var text = await ReadAsync(tree, UbuntuEsmStatus.Path, filesRead, gaps, ct).ConfigureAwait(false);
        if (text is null)
        {
            return false;
        }

        if (UbuntuEsmStatus.Parse(text) is { } enabled)
        {
            return enabled;
        }

        gaps.Add((UbuntuEsmStatus.Path, "is not the status JSON Ubuntu Pro writes; ESM taken as off"));
        return false;
    }
}
