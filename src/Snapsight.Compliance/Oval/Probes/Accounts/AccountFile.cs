namespace Snapsight.Compliance.Oval.Probes.Accounts;

/// <summary>
/// The colon-separated account files, /etc/passwd (7 fields) and /etc/shadow (9 fields), read as
/// glibc's fgetpwent and fgetspent read them: a line without the right number of fields, or with
/// a number field that is not a number, is skipped, and the lines after it still count. Pure:
/// text in, records out; bounded in line length and line count.
/// </summary>
public static class AccountFile
{
    public const int MaxLineLength = 4096;
    public const int MaxRecords = 100_000;

    /// <summary>The records of <paramref name="text"/> with exactly <paramref name="fields"/> fields; with their 1-based line numbers.</summary>
    public static IReadOnlyList<AccountRecord> Parse(string text, int fields)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<AccountRecord>();
        var number = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            number++;
            if (line.Length == 0 || line.Length > MaxLineLength || line.Count(':') != fields - 1)
            {
                continue;
            }

            if (records.Count == MaxRecords)
            {
                throw new OvalProbeException($"more than {MaxRecords} accounts");
            }

            records.Add(new AccountRecord(line.ToString().Split(':'), number));
        }

        return records;
    }
}

/// <summary>One line of an account file, split at its colons.</summary>
public sealed record AccountRecord(IReadOnlyList<string> Fields, int Line)
{
    /// <summary>A number field: empty is -1 as glibc leaves it; anything else not a number is null (the line is malformed).</summary>
    public long? Number(int index) =>
        Fields[index].Length == 0 ? -1
        : long.TryParse(Fields[index], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
        : null;
}
