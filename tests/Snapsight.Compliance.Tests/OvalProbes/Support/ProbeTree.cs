using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.HostDirectory;

namespace Snapsight.Compliance.Tests.OvalProbes.Support;

/// <summary>A small real directory tree under the temp folder, read through HostDirectoryFileSystem as an image would be.</summary>
internal sealed class ProbeTree : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("oval-probes-").FullName;

    public ProbeTree File(string path, string text, UnixFileMode? mode = null) => Bytes(path, System.Text.Encoding.UTF8.GetBytes(text), mode);

    public ProbeTree Bytes(string path, byte[] bytes, UnixFileMode? mode = null)
    {
        var full = Host(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllBytes(full, bytes);
        if (mode is { } m && !OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(full, m);
        }

        return this;
    }

    public ProbeTree Link(string path, string target)
    {
        var full = Host(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        System.IO.File.CreateSymbolicLink(full, target);
        return this;
    }

    public ProbeTree Folder(string path)
    {
        Directory.CreateDirectory(Host(path));
        return this;
    }

    public string Host(string path) => Path.Combine(Root, path.TrimStart('/'));

    public ProbeContext Context() => new(new FileTree(new HostDirectoryFileSystem(Root)));

    public Task<CollectedObject> CollectAsync(ObjectSpec spec) => CollectAsync(spec, Context());

    public static Task<CollectedObject> CollectAsync(ObjectSpec spec, ProbeContext context)
    {
        var request = spec.ToRequest();
        var probe = Compliance.Oval.Probes.OvalProbes.For(request.Type) ?? throw new InvalidOperationException($"no probe for {request.Type}");
        return probe.CollectAsync(request, context, CancellationToken.None);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
