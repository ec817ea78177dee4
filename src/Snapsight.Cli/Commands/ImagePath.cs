namespace Snapsight.Cli.Commands;

/// <summary>Checks the IMAGE argument before anything is opened, so the error names the real problem.</summary>
internal static class ImagePath
{
    public static string Check(string path) =>
        Directory.Exists(path)
            ? throw new UsageException($"{path} is a directory, not a disk image")
            : File.Exists(path) ? path : throw new UsageException($"no such file: {path}");
}
