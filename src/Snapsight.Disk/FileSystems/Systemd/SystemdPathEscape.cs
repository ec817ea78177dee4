using System.Text;

namespace Snapsight.Disk.FileSystems.Systemd;

/// <summary>
/// The unit name systemd derives from a path (systemd.unit(5), "String Escaping for Inclusion in
/// Unit Names"; <c>systemd-escape --path</c>): a mount unit is only loaded when its name is its
/// <c>Where=</c> escaped this way, so the assembly applies the same rule.
/// </summary>
public static class SystemdPathEscape
{
    /// <summary>"/srv/my data" → "srv-my\x20data"; "/" → "-". Duplicate and trailing slashes are dropped first.</summary>
    public static string Escape(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return "-";
        }

        var name = new StringBuilder();
        foreach (var part in parts)
        {
            if (name.Length > 0)
            {
                name.Append('-');
            }

            var bytes = Encoding.UTF8.GetBytes(part);
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                var plain = b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
                    or (byte)':' or (byte)'_' or (byte)'.';
                // A leading dot would make a hidden name: systemd escapes it.
                if (plain && !(b == (byte)'.' && i == 0 && name.Length == 0))
                {
                    name.Append((char)b);
                }
                else
                {
                    name.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return name.ToString();
    }
}
