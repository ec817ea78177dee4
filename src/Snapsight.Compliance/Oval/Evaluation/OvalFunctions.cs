using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// The functions of OVAL 5.11 local variables (oval-definitions-schema, "Functions"), on the
/// values their components gave. Every function bounds what it makes: at most
/// <see cref="MaxValues"/> values and <see cref="MaxCharacters"/> characters in all, since a
/// concat of concats multiplies both.
/// </summary>
internal static class OvalFunctions
{
    public const int MaxValues = 10_000;

    public const int MaxCharacters = 4 * 1024 * 1024;

    /// <summary>concat: every combination of one value from each component, in order (the cartesian product).</summary>
    public static IReadOnlyList<string> Concat(IReadOnlyList<IReadOnlyList<string>> components)
    {
        Bound(components, (long)components.Sum(c => c.Count == 0 ? 0 : c.Max(v => v.Length)));
        IReadOnlyList<string> result = [""];
        foreach (var values in components)
        {
            result = [.. result.SelectMany(prefix => values.Select(value => prefix + value))];
        }

        return components.Count == 0 ? [] : result;
    }

    /// <summary>arithmetic: the sum or product of every combination; integers stay integers, else floats.</summary>
    public static IReadOnlyList<string> Arithmetic(string operation, IReadOnlyList<IReadOnlyList<string>> components)
    {
        Bound(components, 0);
        if (operation is not ("add" or "multiply"))
        {
            throw new OvalEvaluationException($"arithmetic_operation {operation} is not add or multiply");
        }

        var integral = components.All(c => c.All(v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)));
        IReadOnlyList<double> totals = [operation == "add" ? 0 : 1];
        var anyComponent = false;
        foreach (var values in components)
        {
            var numbers = values.Select(ParseNumber).ToArray();
            totals = [.. totals.SelectMany(total => numbers.Select(n => operation == "add" ? total + n : total * n))];
            anyComponent = true;
        }

        return !anyComponent ? [] : [.. totals.Select(t => integral ? ((long)t).ToString(CultureInfo.InvariantCulture) : t.ToString("R", CultureInfo.InvariantCulture))];
    }

    /// <summary>regex_capture: the first group of the first match in each value; a value that does not match gives the empty string (the specification and OpenSCAP agree).</summary>
    public static IReadOnlyList<string> RegexCapture(string pattern, IReadOnlyList<string> values)
    {
        var regex = OvalPatterns.Get(pattern) ?? throw new OvalEvaluationException($"regex_capture pattern {pattern} is not a valid regular expression");
        var captured = new List<string>();
        foreach (var value in values)
        {
            try
            {
                var match = regex.Match(value);
                captured.Add(match.Success && match.Groups.Count > 1 ? match.Groups[1].Value : "");
            }
            catch (RegexMatchTimeoutException)
            {
                throw new OvalEvaluationException($"regex_capture pattern {pattern} took too long");
            }
        }

        return captured;
    }

    /// <summary>substring: 1-based start (below 1 counts as 1), a negative length meaning "to the end"; a start past the last character is an error (OpenSCAP too).</summary>
    public static IReadOnlyList<string> Substring(string start, string length, IReadOnlyList<string> values)
    {
        if (!int.TryParse(start, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var from)
            || !int.TryParse(length, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
        {
            throw new OvalEvaluationException($"substring start {start} or length {length} is not an integer");
        }

        from = Math.Max(from, 1) - 1;
        return [.. values.Select(value => from >= value.Length
            ? throw new OvalEvaluationException($"substring start {start} is past the end of \"{value}\"")
            : count < 0 || from + count > value.Length ? value[from..] : value.Substring(from, count))];
    }

    /// <summary>split: every value cut at each delimiter.</summary>
    public static IReadOnlyList<string> Split(string delimiter, IReadOnlyList<string> values)
    {
        if (delimiter.Length == 0)
        {
            throw new OvalEvaluationException("split has an empty delimiter");
        }

        var parts = new List<string>();
        foreach (var value in values)
        {
            parts.AddRange(value.Split(delimiter));
            Bound(parts.Count, 0);
        }

        return parts;
    }

    /// <summary>escape_regex: the characters that mean something in a Perl regular expression, backslashed.</summary>
    public static IReadOnlyList<string> EscapeRegex(IReadOnlyList<string> values) =>
        [.. values.Select(value =>
        {
            var escaped = new StringBuilder(value.Length);
            foreach (var c in value)
            {
                if ("^$\\.[](){}*+?|".Contains(c, StringComparison.Ordinal))
                {
                    escaped.Append('\\');
                }

                escaped.Append(c);
            }

            return escaped.ToString();
        })];

    /// <summary>
    /// glob_to_regex: a shell glob as an anchored regular expression. '*' and '?' do not cross
    /// '/', a bracket expression stays one ('!' negating it), a backslash escapes the next
    /// character unless glob_noescape is true, and everything else matches itself.
    /// </summary>
    public static IReadOnlyList<string> GlobToRegex(bool noEscape, IReadOnlyList<string> values) =>
        [.. values.Select(glob =>
        {
            var regex = new StringBuilder("^");
            for (var i = 0; i < glob.Length; i++)
            {
                var c = glob[i];
                var close = c == '[' ? glob.IndexOf(']', i + 2 < glob.Length ? i + 2 : glob.Length) : -1;
                if (c == '\\' && !noEscape && i + 1 < glob.Length)
                {
                    regex.Append(Regex.Escape(glob[++i].ToString()));
                }
                else if (c == '*')
                {
                    regex.Append("[^/]*");
                }
                else if (c == '?')
                {
                    regex.Append("[^/]");
                }
                else if (close > i)
                {
                    var set = glob[(i + 1)..close];
                    regex.Append('[').Append(set.StartsWith('!') ? "^" + set[1..] : set).Append(']');
                    i = close;
                }
                else
                {
                    regex.Append(Regex.Escape(c.ToString()));
                }
            }

            return regex.Append('$').ToString();
        })];

    /// <summary>begin: the character prepended to each value that does not start with it.</summary>
    public static IReadOnlyList<string> Begin(string character, IReadOnlyList<string> values) =>
        [.. values.Select(v => v.StartsWith(character, StringComparison.Ordinal) ? v : character + v)];

    /// <summary>end: the character appended to each value that does not end with it.</summary>
    public static IReadOnlyList<string> End(string character, IReadOnlyList<string> values) =>
        [.. values.Select(v => v.EndsWith(character, StringComparison.Ordinal) ? v : v + character)];

    /// <summary>count: how many values the components gave, all together.</summary>
    public static IReadOnlyList<string> Count(IReadOnlyList<IReadOnlyList<string>> components) =>
        [components.Sum(c => c.Count).ToString(CultureInfo.InvariantCulture)];

    /// <summary>unique: the values of all components, each once, in first-seen order.</summary>
    public static IReadOnlyList<string> Unique(IReadOnlyList<IReadOnlyList<string>> components) =>
        [.. components.SelectMany(c => c).Distinct(StringComparer.Ordinal)];

    /// <summary>A list of values already made stays within the bounds.</summary>
    public static void Bound(IReadOnlyList<string> values) =>
        Bound(values.Count, values.Sum(v => (long)v.Length));

    private static double ParseNumber(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new OvalEvaluationException($"arithmetic on \"{value}\", which is not a number");

    // The product's size, checked before it is made.
    private static void Bound(IReadOnlyList<IReadOnlyList<string>> components, long longestResult)
    {
        long combinations = 1;
        foreach (var values in components)
        {
            combinations *= values.Count;
            if (combinations > MaxValues)
            {
                throw new OvalEvaluationException($"a function would make more than {MaxValues} values");
            }
        }

        Bound(combinations, combinations * longestResult);
    }

    private static void Bound(long values, long characters)
    {
        if (values > MaxValues)
        {
            throw new OvalEvaluationException($"a variable has more than {MaxValues} values");
        }

        if (characters > MaxCharacters)
        {
            throw new OvalEvaluationException($"a variable's values hold more than {MaxCharacters} characters");
        }
    }
}
