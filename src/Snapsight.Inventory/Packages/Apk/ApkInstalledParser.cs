namespace Snapsight.Inventory.Packages.Apk;

/// <summary>
/// Reads apk's <c>lib/apk/db/installed</c> into the packages <c>apk info</c> lists: records of
/// "K:value" lines separated by blank lines. Pure: bytes in, records out. A bad record is
/// skipped with a problem and the rest is still read.
/// </summary>
public static class ApkInstalledParser
{
    public static PackageDatabaseParseResult Parse(ReadOnlySpan<byte> installed, string location) =>
        Parse(installed, location, PackageDatabaseLimits.Default);

    internal static PackageDatabaseParseResult Parse(ReadOnlySpan<byte> text, string location, PackageDatabaseLimits limits)
    {
        var problems = new ParseProblems(location, limits.MaxProblems);
        var packages = new UniquePackageList(problems);
        text = DatabaseLines.WithinTotalBound(text, limits.MaxTotalBytes, out var cut);

        var record = new ApkRecord();
        var lines = new DatabaseLines(text, limits.MaxLineBytes);
        var records = 0;
        string? stoppedBecause = null;
        while (stoppedBecause is null && lines.MoveNext())
        {
            var line = lines.Current;
            if (lines.CurrentIsTooLong)
            {
                stoppedBecause = $"line is longer than {limits.MaxLineBytes} bytes";
                continue;
            }

            if (DatabaseLines.IsBlank(line))
            {
                Finish();
                continue;
            }

            // A second P: without a blank line before it: two records run together. Keep both.
            if (line.StartsWith("P:"u8) && !record.IsEmpty && record.HasName)
            {
                problems.Add(lines.LineNumber, "a record starts without a blank line before it");
                Finish();
            }

            if (record.IsEmpty)
            {
                if (++records > limits.MaxRecords)
                {
                    stoppedBecause = $"more than {limits.MaxRecords} records";
                    continue;
                }

                record.Start(lines.LineNumber);
            }

            ReadLine(line, lines.LineNumber);
        }

        if (stoppedBecause is null)
        {
            Finish();
        }

        problems.AddEnding(lines.LineNumber, stoppedBecause, cut, limits.MaxTotalBytes, text.Length);

        return new PackageDatabaseParseResult(packages.Packages, problems.ToList());

        void ReadLine(ReadOnlySpan<byte> line, int lineNumber)
        {
            if (line.Contains((byte)0))
            {
                record.MarkBroken($"NUL byte on line {lineNumber}");
            }

            if (line.Length < 2 || line[1] != (byte)':')
            {
                record.MarkBroken($"line {lineNumber} is not 'K:value'");
                return;
            }

            record.SetField(line[0], line[2..]);
        }

        void Finish()
        {
            if (record.IsEmpty)
            {
                return;
            }

            var package = record.ToPackage(location, problems);
            if (package is not null)
            {
                packages.Add(package, record.StartLine);
            }

            record.Clear();
        }
    }
}
