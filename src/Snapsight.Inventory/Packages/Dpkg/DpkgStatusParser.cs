namespace Snapsight.Inventory.Packages.Dpkg;

/// <summary>
/// Reads dpkg's <c>var/lib/dpkg/status</c> (and distroless <c>var/lib/dpkg/status.d/*</c>
/// files, same format) into the packages <c>dpkg-query -W</c> lists. Pure: bytes in, records
/// out. Unlike dpkg, which refuses a whole file for one bad paragraph, a bad paragraph is
/// skipped with a problem and the rest is still read: a scanner must not lose 500 packages to
/// one torn line in a crash-consistent snapshot.
/// </summary>
public static class DpkgStatusParser
{
    public static PackageDatabaseParseResult Parse(ReadOnlySpan<byte> statusFile, string location) =>
        Parse(statusFile, location, missingStatusMeansInstalled: false, PackageDatabaseLimits.Default);

    /// <summary>One file of distroless <c>status.d/</c>: a paragraph without Status counts as installed.</summary>
    public static PackageDatabaseParseResult ParseStatusDirectoryFile(ReadOnlySpan<byte> file, string location) =>
        Parse(file, location, missingStatusMeansInstalled: true, PackageDatabaseLimits.Default);

    internal static PackageDatabaseParseResult Parse(
        ReadOnlySpan<byte> text, string location, bool missingStatusMeansInstalled, PackageDatabaseLimits limits)
    {
        var problems = new ParseProblems(location, limits.MaxProblems);
        var packages = new UniquePackageList(problems);
        text = DatabaseLines.WithinTotalBound(text, limits.MaxTotalBytes, out var cut);

        var paragraph = new DpkgParagraph();
        var lines = new DatabaseLines(text, limits.MaxLineBytes);
        var paragraphs = 0;
        var fieldBytes = 0;
        string? stoppedBecause = null;
        while (stoppedBecause is null && lines.MoveNext())
        {
            var line = lines.Current;
            if (lines.CurrentIsTooLong)
            {
                stoppedBecause = $"line is longer than {limits.MaxLineBytes} bytes";
            }
            else if (DatabaseLines.IsBlank(line))
            {
                Finish();
            }
            else if (paragraph.IsEmpty && ++paragraphs > limits.MaxRecords)
            {
                stoppedBecause = $"more than {limits.MaxRecords} paragraphs";
            }
            else
            {
                if (paragraph.IsEmpty)
                {
                    paragraph.Start(lines.LineNumber);
                }

                stoppedBecause = ReadLine(line, lines.LineNumber);
            }
        }

        if (stoppedBecause is null)
        {
            Finish();
        }

        problems.AddEnding(lines.LineNumber, stoppedBecause, cut, limits.MaxTotalBytes, text.Length);

        return new PackageDatabaseParseResult(packages.Packages, problems.ToList());

        string? ReadLine(ReadOnlySpan<byte> line, int lineNumber)
        {
            if (line.Contains((byte)0))
            {
                paragraph.MarkBroken($"NUL byte on line {lineNumber}");
            }

            if (line[0] is (byte)' ' or (byte)'\t')
            {
                // A continuation line belongs to the field above; it counts against that field's bound.
                fieldBytes += line.Length;
                if (!paragraph.HasField)
                {
                    paragraph.MarkBroken($"continuation line {lineNumber} with no field before it");
                }

                return fieldBytes > limits.MaxFieldBytes ? $"a field is longer than {limits.MaxFieldBytes} bytes" : null;
            }

            fieldBytes = line.Length;
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                paragraph.MarkBroken($"line {lineNumber} is not 'Field: value'");
                return null;
            }

            paragraph.SetField(line[..colon], line[(colon + 1)..]);
            return null;
        }

        void Finish()
        {
            if (paragraph.IsEmpty)
            {
                return;
            }

            var package = paragraph.ToPackage(location, missingStatusMeansInstalled, problems);
            if (package is not null)
            {
                packages.Add(package, paragraph.StartLine);
            }

            paragraph.Clear();
        }
    }
}
