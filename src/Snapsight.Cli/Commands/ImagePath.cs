namespace Snapsight.Cli.Commands;

/// <summary>Checks the IMAGE argument before anything is opened, so the error names the real problem and nothing blocks.</summary>
internal static class ImagePath
{
    public static string Check(string path)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"{path} is a directory, not a disk image");
        }

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new UsageException($"no such file: {path}");
        }

        // Block devices (an attached snapshot volume) report length 0 and live under /dev. Anywhere
        // else, length 0 is an empty file, or a FIFO or socket that would block the open: refuse.
        if (file.Length == 0 && !Path.GetFullPath(path).StartsWith("/dev/", StringComparison.Ordinal))
        {
            throw new UsageException($"{path} is empty (or not a regular file): not a disk image");
        }

        return path;
    }
}
