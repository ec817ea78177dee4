using Snapsight.Disk;

namespace Snapsight.Advisories.Feeds;

/// <summary>A feed file that cannot be read: which format, where in the file, and what is wrong.</summary>
public sealed class FeedFormatException(string format, string where, string problem)
    : DiskFormatException(format, where, 0, problem)
{
    /// <summary>"alas: feeds/updateinfo.xml: not well-formed XML …": a feed file has no offsets worth printing.</summary>
    public override string Message => $"{Layer}: {Structure}: {Problem}";
}
