using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Compliance.Oval.Probes.Mounts;

/// <summary>
/// partition_object (linux): the file systems /etc/fstab mounts at boot, whose mount point the
/// object selects. OpenSCAP reads /proc/mounts of the running system instead, so what systemd
/// or a user mounts without fstab (/dev/shm, /run, a tmp.mount /tmp) is not here, a "noauto" line
/// is left out as boot would leave it, and the device is fstab's spec (UUID=…, LABEL=…) rather
/// than the /dev node the kernel shows. Options are given as /proc/mounts shows them
/// (<see cref="MountOptions"/>); the space figures need the mounted file system and are left out.
/// </summary>
internal sealed class PartitionProbe : IOvalProbe
{
    public OvalTypeName ObjectType { get; } = new("partition_object", "linux");

    public Task<CollectedObject> CollectAsync(ProbeRequest request, ProbeContext context, CancellationToken cancellationToken) =>
        ProbeGuard.RunAsync(request, async () =>
        {
            var mountPoint = request.Required("mount_point");
            var text = await ProbeFiles.ReadTextAsync(context.Tree, "/etc/fstab", cancellationToken).ConfigureAwait(false);
            var items = new List<OvalItem>();
            foreach (var entry in text is null ? Array.Empty<FstabEntry>() : Fstab.Parse(text))
            {
                var options = entry.Options.Split(',');
                if (!entry.MountPoint.StartsWith('/') || entry.Type == "swap" || options.Contains("noauto") || !mountPoint.Matches(entry.MountPoint))
                {
                    continue;
                }

                var entities = new ItemEntities().Add("mount_point", entry.MountPoint).Add("device", entry.Spec);
                if (entry.Spec.StartsWith("UUID=", StringComparison.Ordinal))
                {
                    entities.Add("uuid", entry.Spec["UUID=".Length..]);
                }

                entities.Add("fs_type", entry.Type).AddAll("mount_options", MountOptions.AsMounted(entry.Options));
                items.Add(entities.ToItem($"/etc/fstab {entry.MountPoint} {entry.Options}"));
            }

            return CollectedObject.Found(items);
        });
}
