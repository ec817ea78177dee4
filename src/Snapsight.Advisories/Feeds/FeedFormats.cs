using Snapsight.Advisories.Feeds.Alas;
using Snapsight.Advisories.Feeds.AlpineSecdb;
using Snapsight.Advisories.Feeds.DebianTracker;
using Snapsight.Advisories.Feeds.Epss;
using Snapsight.Advisories.Feeds.Kev;
using Snapsight.Advisories.Feeds.Nvd;
using Snapsight.Advisories.Feeds.Osv;
using Snapsight.Advisories.Feeds.RedHatCsaf;

namespace Snapsight.Advisories.Feeds;

/// <summary>Every feed format the store imports, in the order recognition tries them.</summary>
public static class FeedFormats
{
    /// <summary>How much of a file recognition looks at.</summary>
    public const int HeadBytes = 4096;

    public static IReadOnlyList<IFeedFormat> All { get; } =
    [
        OsvFeedFormat.Instance,
        KevFeedFormat.Instance,
        EpssFeedFormat.Instance,
        NvdFeedFormat.Instance,
        RedHatCsafFeedFormat.Instance,
        DebianTrackerFeedFormat.Instance,
        AlpineSecdbFeedFormat.Instance,
        AlasFeedFormat.Instance,
    ];

    /// <summary>The format that claims a file starting with <paramref name="head"/>, or null.</summary>
    public static IFeedFormat? Recognise(ReadOnlySpan<byte> head)
    {
        foreach (var format in All)
        {
            if (format.Recognises(head))
            {
                return format;
            }
        }

        return null;
    }

    public static IFeedFormat? Named(string name) => All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
