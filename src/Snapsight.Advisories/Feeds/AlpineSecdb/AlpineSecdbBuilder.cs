namespace Snapsight.Advisories.Feeds.AlpineSecdb;

/// <summary>Collects what the JSON and YAML readers find, enforcing the fix-count cap as entries arrive.</summary>
internal sealed class AlpineSecdbBuilder(string format)
{
    private readonly List<AlpineSecfix> fixes = [];
    private readonly List<(string Where, string Reason)> skipped = [];

    public string? DistroVersion { get; set; }

    public string? RepoName { get; set; }

    public void Fix(string package, string version, string item)
    {
        if (fixes.Count >= AlpineSecdbLimits.MaxFixes)
        {
            throw new FeedFormatException(format, package, $"over {AlpineSecdbLimits.MaxFixes} fix entries");
        }

        var trimmed = item.Trim();
        if (trimmed.Length > 0)
        {
            fixes.Add(new AlpineSecfix(package, version, trimmed));
        }
    }

    /// <summary>Damage is listed up to a cap and then only counted, so a file of nothing but bad lines stays cheap.</summary>
    private const int MaxSkippedListed = 100;

    private int skippedUnlisted;

    public void Skip(string where, string reason)
    {
        if (skipped.Count < MaxSkippedListed)
        {
            skipped.Add((where, reason));
        }
        else
        {
            skippedUnlisted++;
        }
    }

    public AlpineSecdbFile Build(string origin)
    {
        var distroVersion = DistroVersion ?? throw new FeedFormatException(format, origin, "no distroversion");
        if (skippedUnlisted > 0)
        {
            skipped.Add((origin, $"{skippedUnlisted} more damaged parts"));
        }

        return new AlpineSecdbFile(distroVersion, RepoName, fixes, skipped);
    }
}
