using Snapsight.Disk;

namespace Snapsight.Advisories.Feeds;

/// <summary>A feed file that cannot be read: which format, where in the file, and what is wrong.</summary>
public sealed class FeedFormatException(string format, string where, string problem)
    : DiskFormatException(format, where, 0, problem);
