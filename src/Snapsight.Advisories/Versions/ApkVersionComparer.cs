namespace Snapsight.Advisories.Versions;

/// <summary>
/// Alpine versions, <c>number{.number}[letter]{_suffix[number]}[-rN]</c>, ordered as apk-tools 2
/// (the apk of every Alpine 3.x release) orders them: tokens of the same kind compared in turn;
/// once one version runs out or changes kind, the longer one is newer unless it goes on with a
/// pre-release suffix (_alpha, _beta, _pre, _rc). apk orders strings it calls invalid too (up to
/// the first bad token), so only a blank string is refused. Where apk-tools 2 and 3 disagree
/// on such invalid strings we take apk-tools 3's answer: an invalid continuation (including an
/// empty number after a dot or <c>-r</c>) sorts below the end of the other version.
/// </summary>
public sealed class ApkVersionComparer : VersionComparer
{
    public static ApkVersionComparer Instance { get; } = new();

    public override string Ecosystem => VersionComparers.Apk;

    protected override bool IsWellFormed(ReadOnlySpan<char> version) => true;

    /// <summary>
    /// apk-tools' own validity rule: every token well placed up to the end, and a number wherever
    /// one must follow (after a dot or <c>-r</c>: "5.a" is not valid), the same reading
    /// <see cref="ApkTokenizer.KindForOrdering"/> gives the comparison.
    /// </summary>
    public static bool IsValidApkVersion(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var tokens = new ApkTokenizer(version);
        while (tokens.Kind is not (ApkToken.End or ApkToken.Invalid))
        {
            if (tokens.KindForOrdering == ApkToken.Invalid)
            {
                return false;
            }

            tokens.Read();
        }

        return tokens.Kind == ApkToken.End;
    }

    protected override int CompareWellFormed(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var left = new ApkTokenizer(a);
        var right = new ApkTokenizer(b);
        var order = 0;
        while (order == 0 && left.Kind == right.Kind && left.Kind is not (ApkToken.End or ApkToken.Invalid))
        {
            order = left.Read().CompareTo(right.Read());
        }

        if (order != 0 || left.Kind == right.Kind)
        {
            return order;
        }

        // Equal so far: the longer version is newer, unless what it goes on with is a pre-release
        // suffix, or is not a version at all: then, as in apk-tools 3, it is older even than the end.
        var kindA = left.KindForOrdering;
        var kindB = right.KindForOrdering;
        if (kindA == kindB)
        {
            return 0;
        }

        if (kindA == ApkToken.Invalid || kindB == ApkToken.Invalid)
        {
            return kindA == ApkToken.Invalid ? -1 : 1;
        }

        if (left.Kind == ApkToken.Suffix && left.Read().Small < 0)
        {
            return -1;
        }

        if (right.Kind == ApkToken.Suffix && right.Read().Small < 0)
        {
            return 1;
        }

        // As numbers: Enum.CompareTo boxes, and this runs millions of times.
        return ((int)right.Kind).CompareTo((int)left.Kind);
    }
}
