using System.Globalization;
using Snapsight.Advisories.Feeds;

namespace Snapsight.Advisories.Filtering;

/// <summary>
/// The <c>--ignore-file</c> format: one vulnerability id per line, optionally followed by
/// <c>exp:YYYY-MM-DD</c> (Trivy's spelling, also accepted as <c>until:</c>) after which the line
/// no longer applies, and a <c># reason</c>. Blank lines and lines starting with # are comments.
/// A line that cannot be read is an error naming its number, so a typo never silently hides
/// or un-hides a finding.
/// </summary>
public static class IgnoreFile
{
    public const int MaxBytes = 4 << 20;

    public static IReadOnlyList<IgnoreRule> Parse(string text, string origin)
    {
        if (text.Length > MaxBytes)
        {
            throw new FeedFormatException("ignore-file", origin, $"larger than {MaxBytes} bytes");
        }

        var rules = new List<IgnoreRule>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var hash = line.IndexOf('#');
            var reason = hash >= 0 ? line[(hash + 1)..].Trim() : null;
            var words = (hash >= 0 ? line[..hash] : line).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            DateOnly? until = null;
            foreach (var option in words.Skip(1))
            {
                var value = option.StartsWith("exp:", StringComparison.Ordinal) ? option[4..]
                    : option.StartsWith("until:", StringComparison.Ordinal) ? option[6..]
                    : throw new FeedFormatException("ignore-file", $"{origin} line {i + 1}", $"\"{option}\" is neither exp:YYYY-MM-DD nor a # comment");
                until = DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date
                    : throw new FeedFormatException("ignore-file", $"{origin} line {i + 1}", $"\"{value}\" is not a date as YYYY-MM-DD");
            }

            rules.Add(new IgnoreRule(words[0], until, string.IsNullOrEmpty(reason) ? null : reason, i + 1));
        }

        return rules;
    }
}
