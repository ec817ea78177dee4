namespace Snapsight.Advisories.Versions;

/// <summary>
/// The shared shape of every comparer: refuse what is not a version, then compare spans in
/// place. Comparers parse nothing into objects and allocate nothing per comparison, because
/// matching compares millions of times.
/// </summary>
public abstract class VersionComparer : IVersionComparer
{
    public abstract string Ecosystem { get; }

    public bool IsVersion(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return !version.AsSpan().Trim().IsEmpty && !HasControlCharacter(version) && IsWellFormed(version);
    }

    public bool TryCompare(string a, string b, out int order)
    {
        if (!IsVersion(a) || !IsVersion(b))
        {
            order = 0;
            return false;
        }

        order = Math.Sign(CompareWellFormed(a, b));
        return true;
    }

    public int Compare(string? x, string? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (!IsVersion(x))
        {
            throw new VersionFormatException(Ecosystem, x);
        }

        if (!IsVersion(y))
        {
            throw new VersionFormatException(Ecosystem, y);
        }

        return Math.Sign(CompareWellFormed(x, y));
    }

    /// <summary>The ecosystem's own rule for what a version may look like (never asked about a blank string: none is a version).</summary>
    protected abstract bool IsWellFormed(ReadOnlySpan<char> version);

    /// <summary>Compares two strings that passed <see cref="IsWellFormed"/>; any sign will do.</summary>
    protected abstract int CompareWellFormed(ReadOnlySpan<char> a, ReadOnlySpan<char> b);

    /// <summary>
    /// No package manager writes NUL or other control characters into a version (C tools would
    /// even cut the string at a NUL), so every ecosystem refuses them alike.
    /// </summary>
    private static bool HasControlCharacter(ReadOnlySpan<char> version)
    {
        foreach (var c in version)
        {
            if (c < ' ' || c == '\u007f')
            {
                return true;
            }
        }

        return false;
    }
}
