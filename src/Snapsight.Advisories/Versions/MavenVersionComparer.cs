namespace Snapsight.Advisories.Versions;

/// <summary>
/// Maven versions ordered as Maven's ComparableVersion did up to Maven 3.8.6 (and OSV does): text lowercased,
/// split at <c>.</c> and <c>-</c> and between digits and letters; <c>-</c> and each digit/letter
/// switch open a nested list; numbers compare by value; qualifiers rank
/// alpha &lt; beta &lt; milestone &lt; rc = cr &lt; snapshot &lt; release (ga, final, "") &lt; sp &lt; anything
/// else (by text); a, b, m right before a digit mean alpha, beta, milestone; trailing zeros and
/// release qualifiers do not count. Every non-blank string is a Maven version, except one
/// nesting more than <see cref="MaxNesting"/> lists (Maven itself would overflow its stack).
/// This comparer builds the item tree of each side (Maven's model needs it), so it allocates.
/// </summary>
public sealed class MavenVersionComparer : VersionComparer
{
    public static MavenVersionComparer Instance { get; } = new();

    public override string Ecosystem => VersionComparers.Maven;

    /// <summary>Each <c>-</c> and digit/letter switch nests a list one deeper; beyond this a version is refused, not recursed into.</summary>
    internal const int MaxNesting = 1000;

    protected override bool IsWellFormed(ReadOnlySpan<char> version) => NestingBound(version) <= MaxNesting;

    /// <summary>An upper bound on the lists <see cref="Parse"/> would open.</summary>
    private static int NestingBound(ReadOnlySpan<char> version)
    {
        var count = 0;
        for (var i = 0; i < version.Length; i++)
        {
            var switchesKind = i > 0 && version[i - 1] is not ('.' or '-') && version[i] is not ('.' or '-')
                && Digits.IsDigit(version[i]) != Digits.IsDigit(version[i - 1]);
            if (version[i] == '-' || switchesKind)
            {
                count++;
            }
        }

        return count;
    }

    protected override int CompareWellFormed(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => Parse(a).CompareTo(Parse(b));

    internal static MavenList Parse(ReadOnlySpan<char> version)
    {
        var root = new MavenList();
        var list = root;
        var opened = new Stack<MavenList>();
        opened.Push(root);
        var isDigit = false;
        var start = 0;
        for (var i = 0; i < version.Length; i++)
        {
            var c = version[i];
            if (c is '.' or '-')
            {
                list.Items.Add(i == start ? new MavenNumber("") : Item(version[start..i], isDigit, followedByDigit: false));
                start = i + 1;
                if (c == '-')
                {
                    list = Open(list, opened);
                }
            }
            else if (Digits.IsDigit(c))
            {
                if (!isDigit && i > start)
                {
                    list.Items.Add(new MavenQualifier(Lower(version[start..i]), followedByDigit: true));
                    start = i;
                    list = Open(list, opened);
                }

                isDigit = true;
            }
            else
            {
                if (isDigit && i > start)
                {
                    list.Items.Add(Item(version[start..i], isDigit: true, followedByDigit: false));
                    start = i;
                    list = Open(list, opened);
                }

                isDigit = false;
            }
        }

        if (version.Length > start)
        {
            list.Items.Add(Item(version[start..], isDigit, followedByDigit: false));
        }

        while (opened.Count > 0)
        {
            opened.Pop().Normalize();
        }

        return root;
    }

    private static MavenList Open(MavenList parent, Stack<MavenList> opened)
    {
        var child = new MavenList();
        parent.Items.Add(child);
        opened.Push(child);
        return child;
    }

    private static MavenItem Item(ReadOnlySpan<char> text, bool isDigit, bool followedByDigit) =>
        isDigit ? new MavenNumber(Digits.TrimLeadingZeros(text).ToString()) : new MavenQualifier(Lower(text), followedByDigit);

    /// <summary>Maven lowercases the whole version (English rules); ASCII is what versions use.</summary>
    private static string Lower(ReadOnlySpan<char> text)
    {
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        text.ToLowerInvariant(buffer);
        return buffer.ToString();
    }
}
