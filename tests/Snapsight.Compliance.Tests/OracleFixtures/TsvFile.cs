namespace Snapsight.Compliance.Tests.OracleFixtures;

/// <summary>The tab-separated files the fixture script writes: a header line, then one row per line.</summary>
internal static class TsvFile
{
    /// <summary>The rows after the header, split on tabs; a different header means the script and the reader disagree.</summary>
    public static IEnumerable<(string[] Fields, string Where)> Rows(string file, string header)
    {
        var lines = File.ReadAllLines(file);
        if (lines.Length == 0 || lines[0] != header)
        {
            throw new InvalidDataException($"{file}: the header is not '{header}'");
        }

        return lines.Skip(1).Select((line, index) => (line.Split('\t'), $"{file}:{index + 2}"));
    }
}
