namespace Snapsight.Compliance.Oval.Probes.Files;

/// <summary>
/// Where a walk for a path pattern can start: the directory named by the pattern's literal,
/// anchored beginning (<c>^/etc/ssh/sshd_config\.d/.*\.conf$</c> starts at /etc/ssh/sshd_config.d).
/// A pattern that is not anchored, or has an alternative at its top level, starts at "/".
/// An anchored pattern that is literal to its end (<c>^/etc/issue$</c>, or <c>^$</c> from an
/// empty variable value) names one path and needs no walk at all.
/// </summary>
internal static class PatternPrefix
{
    private const string Special = ".[](){}*+?|$^";

    public static string DirectoryOf(string pattern)
    {
        if (!pattern.StartsWith("^/", StringComparison.Ordinal) || HasTopLevelAlternative(pattern))
        {
            return "/";
        }

        var text = Literal(pattern, out _);
        var slash = text.LastIndexOf('/');
        return slash <= 0 ? "/" : text[..slash];
    }

    /// <summary>The one path the pattern can match, when it is anchored and literal to its end; otherwise null.</summary>
    public static string? OnlyPath(string pattern)
    {
        if (!pattern.StartsWith('^') || HasTopLevelAlternative(pattern))
        {
            return null;
        }

        var text = Literal(pattern, out var end);
        return end == pattern.Length - 1 && pattern[end] == '$' ? text : null;
    }

    /// <summary>The literal text after the anchor, up to the first special character (whose index is <paramref name="end"/>).</summary>
    private static string Literal(string pattern, out int end)
    {
        var literal = new System.Text.StringBuilder();
        var i = 1;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            char next;
            int width;
            if (c == '\\' && i + 1 < pattern.Length && !char.IsAsciiLetterOrDigit(pattern[i + 1]))
            {
                (next, width) = (pattern[i + 1], 2);
            }
            else if (c == '\\' || Special.Contains(c, StringComparison.Ordinal))
            {
                break;
            }
            else
            {
                (next, width) = (c, 1);
            }

            // A quantifier after a character makes that character optional: it is not part of the prefix.
            if (i + width < pattern.Length && pattern[i + width] is '*' or '?' or '{')
            {
                break;
            }

            literal.Append(next);
            i += width;
        }

        end = i;
        return literal.ToString();
    }

    private static bool HasTopLevelAlternative(string pattern)
    {
        var depth = 0;
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '[' when !inClass:
                    inClass = true;
                    break;
                case ']' when inClass:
                    inClass = false;
                    break;
                case '(' when !inClass:
                    depth++;
                    break;
                case ')' when !inClass:
                    depth--;
                    break;
                case '|' when !inClass && depth == 0:
                    return true;
            }
        }

        return false;
    }
}
