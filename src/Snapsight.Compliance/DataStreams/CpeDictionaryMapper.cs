using Snapsight.Compliance.Xccdf;

namespace Snapsight.Compliance.DataStreams;

/// <summary>Maps a CPE 2.3 dictionary (<c>cpe-list</c>) to each item's OVAL check: the href of the OVAL document and the definition id.</summary>
internal static class CpeDictionaryMapper
{
    public static IReadOnlyDictionary<string, CheckContentRef> Map(RawElement list)
    {
        var checks = new Dictionary<string, CheckContentRef>(StringComparer.Ordinal);
        foreach (var item in list.ChildrenNamed("cpe-item"))
        {
            if (item.ChildrenNamed("check").FirstOrDefault(c => c.Attribute("system") == CheckSystems.Oval) is { } check)
            {
                checks[item.Required("name")] = new CheckContentRef(check.Required("href"), check.Text);
            }
        }

        return checks;
    }
}
