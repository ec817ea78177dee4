using Snapsight.Disk.FileSystems.Ntfs;

namespace Snapsight.Disk.Volumes;

/// <summary>
/// NTFS volumes are not read as file systems yet, but whether one holds Windows decides what
/// its coverage gap says: a Windows system volume means a whole operating system goes
/// uninventoried. One bounded lookup of \Windows\System32; damage only changes the gap's text.
/// </summary>
internal static class WindowsVolumeCheck
{
    public const string SystemDirectory = "Windows/System32";

    /// <summary>The gap for an NTFS volume; records the system directory on <paramref name="volume"/> when found.</summary>
    public static async Task<string> DescribeAsync(DiskVolume volume, CancellationToken cancellationToken)
    {
        try
        {
            var ntfs = await NtfsVolume.OpenAsync(volume.Device, cancellationToken).ConfigureAwait(false);
            if (await ntfs.FindPathAsync(SystemDirectory, cancellationToken).ConfigureAwait(false) is { IsDirectory: true } found)
            {
                volume.WindowsSystemDirectory = found.StoredPath;
                return $"NTFS volume holding Windows ({found.StoredPath} found): Windows is not inventoried yet";
            }

            return "NTFS volume (no Windows directory found): NTFS volumes are not read yet";
        }
        catch (DiskFormatException e)
        {
            return $"NTFS volume whose Windows directory could not be looked up ({e.Message}): NTFS volumes are not read yet";
        }
    }
}
