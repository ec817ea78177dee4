namespace Snapsight.Advisories.Versions;

/// <summary>
/// One item of a Maven version as ComparableVersion builds it: a number, a qualifier, or a
/// list (opened by <c>-</c> or by a switch between digits and letters).
/// </summary>
internal abstract class MavenItem
{
    /// <summary>Orders this item against <paramref name="other"/>; null stands for a missing item (padding).</summary>
    public abstract int CompareTo(MavenItem? other);

    /// <summary>Items equal to padding (0, the release qualifier, an empty list) are dropped from the end of a list.</summary>
    public bool IsNull => CompareTo(null) == 0;
}

internal sealed class MavenNumber(string digits) : MavenItem
{
    /// <summary>Without leading zeros, compared as digits: any length orders correctly.</summary>
    public string Digits { get; } = digits;

    public override int CompareTo(MavenItem? other) => other switch
    {
        null => Digits.Length == 0 ? 0 : 1,
        MavenNumber number => Versions.Digits.CompareNumbers(Digits, number.Digits),
        _ => 1,
    };
}

internal sealed class MavenQualifier : MavenItem
{
    /// <summary>Known qualifiers in order; the empty one is the release itself.</summary>
    private static readonly string[] Known = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];

    private const int ReleaseRank = 5;

    public MavenQualifier(string text, bool followedByDigit)
    {
        if (followedByDigit && text.Length == 1)
        {
            text = text switch { "a" => "alpha", "b" => "beta", "m" => "milestone", _ => text };
        }

        Text = text switch { "ga" or "final" or "release" => "", "cr" => "rc", _ => text };
        Rank = Array.IndexOf(Known, Text);
    }

    public string Text { get; }

    /// <summary>Index among <see cref="Known"/>, or -1 for an unknown qualifier (after all known ones, by text).</summary>
    public int Rank { get; }

    public override int CompareTo(MavenItem? other) => other switch
    {
        null => CompareQualifiers(this, ReleaseRank, ""),
        MavenQualifier qualifier => CompareQualifiers(this, qualifier.Rank, qualifier.Text),
        _ => -1,
    };

    private static int CompareQualifiers(MavenQualifier left, int rightRank, string rightText)
    {
        if (left.Rank >= 0 && rightRank >= 0)
        {
            return left.Rank.CompareTo(rightRank);
        }

        if (left.Rank >= 0 || rightRank >= 0)
        {
            return left.Rank >= 0 ? -1 : 1;
        }

        return string.CompareOrdinal(left.Text, rightText);
    }
}

internal sealed class MavenList : MavenItem
{
    public List<MavenItem> Items { get; } = [];

    public override int CompareTo(MavenItem? other)
    {
        switch (other)
        {
            case null:
                foreach (var item in Items)
                {
                    var result = item.CompareTo(null);
                    if (result != 0)
                    {
                        return result;
                    }
                }

                return 0;
            case MavenNumber:
                return -1;
            case MavenQualifier:
                return 1;
        }

        var list = (MavenList)other;
        for (var i = 0; i < Math.Max(Items.Count, list.Items.Count); i++)
        {
            var left = i < Items.Count ? Items[i] : null;
            var right = i < list.Items.Count ? list.Items[i] : null;
            var order = left is null ? (right is null ? 0 : -right.CompareTo(null)) : left.CompareTo(right);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    /// <summary>Drops trailing padding-equal items, looking past nested lists as Maven does.</summary>
    public void Normalize()
    {
        for (var i = Items.Count - 1; i >= 0; i--)
        {
            if (Items[i].IsNull)
            {
                Items.RemoveAt(i);
            }
            else if (Items[i] is not MavenList)
            {
                break;
            }
        }
    }
}
