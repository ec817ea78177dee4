namespace Snapsight.Advisories.Feeds.Alas;

/// <summary>One binary rpm an update ships, as its pkglist names it.</summary>
public sealed record AlasPackage(string Name, string? Epoch, string Version, string Release, string? Arch)
{
    /// <summary>The rpm EVR the comparer reads: "E:V-R", with a zero or missing epoch left out (rpm treats both as 0).</summary>
    public string Evr => Epoch is null or "0" or "" ? $"{Version}-{Release}" : $"{Epoch}:{Version}-{Release}";
}
