using System.Text.Json;
using Snapsight.Cloud.Provider;
using Snapsight.Disk.Images;

namespace Snapsight.Cloud.Local;

/// <summary>
/// Lays out a local cloud from existing image files (for tests and <c>snapsight demo</c>), and
/// changes it afterwards the way a running instance would: writes to its volumes, state changes.
/// It writes only the provider's own files (never <c>account.json</c>).
/// </summary>
public sealed class LocalFleetBuilder(string root)
{
    public LocalLayout Layout { get; } = new(root);

    /// <summary>Enables <paramref name="scope"/>'s region (creating its account); idempotent.</summary>
    public void AddRegion(CloudScope scope) => Directory.CreateDirectory(Layout.InstancesDirectory(scope));

    /// <summary>Copies the volume images in and writes instance.json; returns the instance id and its volume ids in order.</summary>
    public async Task<(string InstanceId, IReadOnlyList<string> VolumeIds)> AddInstanceAsync(LocalInstanceSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var instanceId = LocalIds.Check(LocalIds.Instance, spec.InstanceId ?? LocalIds.New(LocalIds.Instance));
        var directory = Layout.InstanceDirectory(spec.Scope, instanceId);
        if (Directory.Exists(directory))
        {
            throw new InvalidOperationException($"instance {instanceId} already exists in {spec.Scope}");
        }

        Directory.CreateDirectory(directory);
        var volumes = new List<LocalVolumeFile>(spec.Volumes.Count);
        foreach (var volume in spec.Volumes)
        {
            await RequireSingleFileImageAsync(volume.SourceImage, cancellationToken).ConfigureAwait(false);
            var volumeId = LocalIds.Check(LocalIds.Volume, volume.VolumeId ?? LocalIds.New(LocalIds.Volume));
            var image = volumeId + (Path.GetExtension(volume.SourceImage) is { Length: > 0 } extension ? extension : ".img");
            FileCloner.Copy(volume.SourceImage, Path.Combine(directory, image), cancellationToken);
            volumes.Add(new LocalVolumeFile { Id = volumeId, Device = volume.DeviceName, Image = image, EncryptionKeyId = volume.EncryptionKeyId });
        }

        WriteInstance(spec.Scope, instanceId, new LocalInstanceFile
        {
            State = spec.State,
            Platform = spec.Platform,
            ImageId = spec.ImageId,
            LaunchTime = spec.LaunchTime,
            PrivateIpAddress = spec.PrivateIpAddress?.ToString(),
            PublicIpAddress = spec.PublicIpAddress?.ToString(),
            Tags = new Dictionary<string, string>(spec.Tags, StringComparer.Ordinal),
            Volumes = volumes,
        });
        return (instanceId, volumes.Select(v => v.Id).ToList());
    }

    /// <summary>Changes an instance's state (a stop, a termination), atomically.</summary>
    public void SetState(CloudScope scope, string instanceId, InstanceState state) =>
        WriteInstance(scope, instanceId, ReadInstance(scope, instanceId) with { State = state });

    /// <summary>
    /// Writes into a raw volume as the running instance would, holding the instance's lock so a
    /// snapshot set sees all of a write or none of it.
    /// </summary>
    public async Task WriteVolumeAsync(CloudScope scope, string instanceId, string volumeId, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var volume = ReadInstance(scope, instanceId).Volumes.SingleOrDefault(v => v.Id == volumeId)
            ?? throw new InvalidOperationException($"instance {instanceId} has no volume {volumeId}");
        var path = Layout.VolumeImage(scope, instanceId, volume.Image);
        using (var image = await DiskImage.OpenAsync(path, cancellationToken).ConfigureAwait(false))
        {
            if (image.Format != DiskImageFormats.Raw)
            {
                throw new InvalidOperationException($"volume {volumeId} is {image.Format}; only raw volumes are written here");
            }
        }

        using var held = await InstanceLock.AcquireAsync(Layout.InstanceDirectory(scope, instanceId), cancellationToken).ConfigureAwait(false);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        await RandomAccess.WriteAsync(handle, data, offset, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A snapshot copies one file: a VMDK descriptor with separate extents cannot be a local volume.</summary>
    private static async Task RequireSingleFileImageAsync(string path, CancellationToken cancellationToken)
    {
        using var image = await DiskImage.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        if (image.Format == DiskImageFormats.VmdkMonolithicFlat)
        {
            throw new InvalidOperationException($"{path} is a VMDK descriptor with separate extents; convert it to one file first");
        }
    }

    private LocalInstanceFile ReadInstance(CloudScope scope, string instanceId) =>
        LocalFileReader.Parse(File.ReadAllBytes(Layout.InstanceFile(scope, instanceId)), LocalJson.Default.LocalInstanceFile);

    private void WriteInstance(CloudScope scope, string instanceId, LocalInstanceFile file) =>
        AtomicFile.Write(Layout.InstanceFile(scope, instanceId), JsonSerializer.SerializeToUtf8Bytes(file, LocalJson.Default.LocalInstanceFile));
}
