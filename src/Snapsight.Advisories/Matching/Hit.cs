using Snapsight.Advisories.Model;
using Snapsight.Advisories.Store;

namespace Snapsight.Advisories.Matching;

/// <summary>One stored stretch that covers an installed version, with the record it belongs to.</summary>
internal sealed record Hit(StoredRange Range, VulnerabilityRecord Record)
{
    public IEnumerable<string> Names => Record.Aliases.Prepend(Record.Id);
}
