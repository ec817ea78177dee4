using System.Globalization;
using System.Text;

namespace Snapsight.Cloud.Aws.Ssm;

/// <summary>
/// Inventory text as the instance's owner wrote it may hold control characters (NUL among them,
/// which PostgreSQL text cannot store) and lone surrogates (which no UTF-8 encoder takes): such text
/// is never a package field, and is quoted escaped wherever a message names it.
/// </summary>
public static class SsmText
{
    /// <summary>Longest quotation of an entry's text in a message.</summary>
    public const int MaxQuoted = 64;

    /// <summary>Whether <paramref name="text"/> has no control character and no lone surrogate.</summary>
    public static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) || char.IsLowSurrogate(c) || (char.IsHighSurrogate(c) && (++i == text.Length || !char.IsLowSurrogate(text[i]))))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><paramref name="text"/> for a message: control characters and lone surrogates as \uXXXX, at most <see cref="MaxQuoted"/> characters then "…".</summary>
    public static string Printable(string text)
    {
        var quoted = new StringBuilder(Math.Min(text.Length, MaxQuoted) + 8);
        var i = 0;
        for (; i < text.Length && quoted.Length < MaxQuoted; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                quoted.Append(c).Append(text[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                quoted.Append(c);
            }
        }

        return i < text.Length ? quoted.Append('…').ToString() : quoted.ToString();
    }
}
