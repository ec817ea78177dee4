using Snapsight.Cloud.Aws.Ebs.Incremental;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// The incremental block cache's manifest.json (<see cref="EbsVolumeCache"/>): whatever its bytes,
/// reading them gives the snapshots it names or a reason not to use it; any exception is a bug.
/// </summary>
public sealed class EbsCacheManifestFuzzTarget : IFuzzTarget
{
    public const string VolumeId = "vol-0123456789abcdef0";

    public string Name => "ebs-cache-manifest";

    public void Run(ReadOnlySpan<byte> input) => _ = Read(input);

    /// <summary>What <paramref name="input"/> gives as the manifest of <see cref="VolumeId"/>.</summary>
    public static (string? LastScanned, IReadOnlyList<string> Kept, string? Problem) Read(ReadOnlySpan<byte> input) =>
        EbsVolumeCache.ParseManifest(input, VolumeId);
}
