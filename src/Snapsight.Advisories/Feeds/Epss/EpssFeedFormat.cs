using System.Globalization;
using Snapsight.Advisories.Model;
using Snapsight.Inventory.Packages;

namespace Snapsight.Advisories.Feeds.Epss;

/// <summary>
/// FIRST's daily EPSS scores (epss_scores-YYYY-MM-DD.csv, already inflated): an optional
/// "#model_version:…,score_date:…" line, the header "cve,epss,percentile", then one CVE a
/// line. Streamed line by line with each line capped; a line that is too long, has other than
/// three fields, a malformed CVE id, or a score that is not a plain decimal in [0, 1] is
/// skipped. A file whose header is not the expected one is refused whole, since its columns
/// cannot be trusted.
/// </summary>
public sealed class EpssFeedFormat : IFeedFormat
{
    /// <summary>Real lines are under 40 bytes; anything near this is not a score.</summary>
    public const int MaxLineBytes = 1024;

    private const string Header = "cve,epss,percentile";

    private const NumberStyles PlainDecimal = NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    public static EpssFeedFormat Instance { get; } = new();

    public string Name => "epss";

    public bool Recognises(ReadOnlySpan<byte> head)
    {
        var text = ByteOrderMark.Skip(head);
        return text.StartsWith("#model_version:"u8) || text.StartsWith("cve,epss,percentile\n"u8) || text.StartsWith("cve,epss,percentile\r\n"u8);
    }

    public async Task ReadAsync(Stream content, string origin, IFeedSink sink, CancellationToken cancellationToken)
    {
        var sawHeader = false;
        await foreach (var line in BoundedLines.ReadAsync(content, MaxLineBytes, cancellationToken).ConfigureAwait(false))
        {
            var where = $"{origin}:{line.Number}";
            if (!sawHeader)
            {
                if (line.Number == 1 && line.Text is { } comment && comment.TrimStart('\uFEFF').StartsWith('#'))
                {
                    continue;
                }

                if (line.Text?.TrimStart('\uFEFF') != Header)
                {
                    throw new FeedFormatException(Name, where, $"the header is not \"{Header}\"");
                }

                sawHeader = true;
                continue;
            }

            if (line.Text is not { } text)
            {
                sink.Skipped(where, $"longer than {MaxLineBytes} bytes");
            }
            else if (text.Length > 0)
            {
                try
                {
                    sink.Add(Parse(text));
                }
                catch (FeedRecordException e)
                {
                    sink.Skipped(where, e.Message);
                }
            }
        }

        if (!sawHeader)
        {
            throw new FeedFormatException(Name, origin, "no header line");
        }
    }

    private static EpssScore Parse(string line)
    {
        var fields = line.Split(',', 4);
        if (fields.Length != 3)
        {
            throw new FeedRecordException("not three comma-separated fields");
        }

        if (!CveIds.IsValid(fields[0]))
        {
            throw new FeedRecordException("the first field is not a CVE id");
        }

        return new EpssScore(fields[0], Probability(fields[1], "epss"), Probability(fields[2], "percentile"));
    }

    private static double Probability(string text, string column) =>
        double.TryParse(text, PlainDecimal, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
            ? value
            : throw new FeedRecordException($"{column} \"{text}\" is not a number from 0 to 1");
}
