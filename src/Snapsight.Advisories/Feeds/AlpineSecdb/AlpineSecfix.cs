namespace Snapsight.Advisories.Feeds.AlpineSecdb;

/// <summary>One secfixes entry: origin package <see cref="Package"/> fixed <see cref="Item"/> (a CVE id, sometimes followed by other ids) in <see cref="Version"/> ("0": never affected).</summary>
public sealed record AlpineSecfix(string Package, string Version, string Item);
