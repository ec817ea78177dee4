namespace Snapsight.Inventory.Sbom;

/// <summary>
/// Hands out identifiers that are unique within one document: the wanted one the first time,
/// then the wanted one with "-2", "-3", … appended (after a separator the caller picks, so the
/// result stays legal in its format).
/// </summary>
internal sealed class UniqueIds(string separator)
{
    private readonly HashSet<string> taken = new(StringComparer.Ordinal);

    public string Claim(string wanted)
    {
        if (taken.Add(wanted))
        {
            return wanted;
        }

        for (var n = 2; ; n++)
        {
            var candidate = $"{wanted}{separator}{n}";
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
