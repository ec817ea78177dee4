using System.Text;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Systemd;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// /etc/fstab text: the parser, then the mount-point normalisation the assembler applies to each
/// entry and the unit-name escaping it checks a mount unit's Where= with.
/// </summary>
public sealed class FstabFuzzTarget : IFuzzTarget
{
    public string Name => "fstab";

    public void Run(ReadOnlySpan<byte> input)
    {
        foreach (var entry in Fstab.Parse(Encoding.UTF8.GetString(input)))
        {
            _ = TreePath.Normalize(entry.MountPoint);
            _ = SystemdPathEscape.Escape(entry.MountPoint);
        }
    }
}
