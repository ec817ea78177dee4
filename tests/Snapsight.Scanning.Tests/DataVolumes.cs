using Snapsight.Disk.Tests.Support;

namespace Snapsight.Scanning.Tests;

/// <summary>
/// Data volumes for the real Debian 12 root file system of tests/images/build-debian-images, whose
/// /etc/fstab mounts UUID=5e1f0c0a-… at /srv/data: an ext4 with that UUID holding a Python
/// distribution and an npm package (the oracle is the files written here), and a stray ext4 that
/// no fstab line names, holding a package of its own. Built with mkfs.ext4 -d, never mounted.
/// </summary>
public sealed class DataVolumes : IDisposable
{
    /// <summary>The UUID the root's fstab names for /srv/data (build-debian-images).</summary>
    public const string FstabDataUuid = "5e1f0c0a-4d5a-4b7e-9a71-0d1a7a5e5e01";

    public const string PythonName = "snapsight-probe";
    public const string PythonVersion = "1.4.2";
    public const string NpmName = "left-pad-probe";
    public const string NpmVersion = "3.1.4";
    public const string StrayName = "stray-probe";

    /// <summary>Where the Python distribution's METADATA is on the data volume (its own root).</summary>
    public const string PythonMetadata = "/app/venv/lib/python3.11/site-packages/snapsight_probe-1.4.2.dist-info/METADATA";
    public const string NpmManifest = "/app/web/node_modules/left-pad-probe/package.json";

    private readonly TempDirectory _temp = new();

    public DataVolumes()
    {
        Data = Build("data", FstabDataUuid, "data", tree =>
        {
            Write(tree, PythonMetadata, $"Metadata-Version: 2.1\nName: {PythonName}\nVersion: {PythonVersion}\nLicense: MIT\n");
            Write(tree, NpmManifest, $"{{\"name\": \"{NpmName}\", \"version\": \"{NpmVersion}\", \"license\": \"MIT\"}}\n");
        });
        Stray = Build("stray", "7a3c9e51-0b2d-4f6e-8c1a-2d4e6f8a0b13", "stray", tree =>
            Write(tree, "/app/venv/lib/python3.11/site-packages/stray_probe-0.1.dist-info/METADATA", $"Metadata-Version: 2.1\nName: {StrayName}\nVersion: 0.1\n"));
    }

    /// <summary>The raw ext4 image fstab mounts at /srv/data.</summary>
    public string Data { get; }

    /// <summary>A raw ext4 image no fstab line names.</summary>
    public string Stray { get; }

    /// <summary>The raw ext4 root file system (a whole-volume file system, as a cloud root volume may be).</summary>
    public static string Root => DebianImages.Path("root-ext4.img");

    public void Dispose() => _temp.Dispose();

    private string Build(string name, string uuid, string label, Action<string> populate)
    {
        var tree = Directory.CreateDirectory(_temp.File(name + "-tree")).FullName;
        populate(tree);
        var image = _temp.File(name + ".img");
        Tool.Run("truncate", "-s", "32M", image);
        Tool.Run("mkfs.ext4", "-q", "-F", "-d", tree, "-L", label, "-U", uuid, image);
        return image;
    }

    internal static void Write(string tree, string path, string text)
    {
        var file = Path.Combine(tree, path.TrimStart('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }
}
