namespace Snapsight.Disk.Tests.Support;

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("snapsight-test-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Unpacks a .gz (the shared images come compressed) into this directory under <paramref name="name"/>; returns its path.</summary>
    public string Gunzip(string source, string name)
    {
        var target = File(name);
        using var input = new System.IO.Compression.GZipStream(System.IO.File.OpenRead(source), System.IO.Compression.CompressionMode.Decompress);
        using var output = System.IO.File.Create(target);
        input.CopyTo(output);
        return target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a failing test must not hide the failure itself.
        }
    }
}
