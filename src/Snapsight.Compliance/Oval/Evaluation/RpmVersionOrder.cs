using System.Globalization;
using Snapsight.Inventory.Kernels.BootLoaders;

namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// rpm's order of epoch:version-release strings (OVAL's evr_string, rpm's labelCompare): the
/// epoch as a number (absent is 0), then version and release by rpmvercmp, which Inventory's
/// boot loader code already implements. A release missing on either side is not compared, as rpm does.
/// </summary>
internal static class RpmVersionOrder
{
    /// <summary>The order of two EVR strings (negative, zero, positive), or null when either is not one.</summary>
    public static int? Compare(string left, string right)
    {
        if (!TryParse(left, out var a) || !TryParse(right, out var b))
        {
            return null;
        }

        var order = a.Epoch.CompareTo(b.Epoch);
        if (order == 0)
        {
            order = SegmentVersionComparer.Instance.Compare(a.Version, b.Version);
        }

        if (order == 0 && a.Release.Length > 0 && b.Release.Length > 0)
        {
            order = SegmentVersionComparer.Instance.Compare(a.Release, b.Release);
        }

        return Math.Sign(order);
    }

    private static bool TryParse(string evr, out (long Epoch, string Version, string Release) parsed)
    {
        parsed = default;
        long epoch = 0;
        var text = evr;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            if (colon > 0 && !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out epoch))
            {
                return false;
            }

            text = text[(colon + 1)..];
        }

        var hyphen = text.LastIndexOf('-');
        var version = hyphen >= 0 ? text[..hyphen] : text;
        if (version.Length == 0 || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        parsed = (epoch, version, hyphen >= 0 ? text[(hyphen + 1)..] : "");
        return true;
    }
}
