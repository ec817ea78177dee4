namespace Snapsight.Inventory.Languages;

/// <summary>Checks on names and versions read from language manifests.</summary>
internal static class ManifestText
{
    /// <summary>
    /// True when <paramref name="text"/> holds a C0 or C1 control character (what
    /// <see cref="char.IsControl(char)"/> says): no ecosystem names a package so, and such a
    /// name could forge lines in reports.
    /// </summary>
    public static bool HasControlCharacters(string text) =>
        text.AsSpan().ContainsAnyInRange('\u0000', '\u001F') || text.AsSpan().ContainsAnyInRange('\u007F', '\u009F');
}
