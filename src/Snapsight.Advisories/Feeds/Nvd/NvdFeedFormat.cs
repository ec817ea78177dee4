using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Feeds.Nvd;

/// <summary>
/// One page of the NVD CVE API 2.0 ({resultsPerPage, startIndex, totalResults, format,
/// version, vulnerabilities: [{cve: …}]}), also the shape of NVD's bulk JSON feeds. Pages can be
/// hundreds of megabytes, so the vulnerabilities are streamed one at a time, each capped at
/// <see cref="MaxVulnerabilityBytes"/>; each becomes a <see cref="CveScore"/> as
/// <see cref="NvdScoreMapper"/> chooses it. A page without a vulnerabilities list is an empty page.
/// </summary>
public sealed class NvdFeedFormat : IFeedFormat
{
    /// <summary>The largest real CVE objects (thousands of CPE matches) run to a few megabytes.</summary>
    public const int MaxVulnerabilityBytes = 16 * 1024 * 1024;

    public static NvdFeedFormat Instance { get; } = new();

    public string Name => "nvd";

    /// <summary>The paging fields every API 2.0 response starts with; a single CVE object (as mirrors store them) has none.</summary>
    public bool Recognises(ReadOnlySpan<byte> head)
    {
        var names = JsonHead.TopLevelNames(head);
        return names.Contains("resultsPerPage") && names.Contains("totalResults") && names.Contains("format");
    }

    public async Task ReadAsync(Stream content, string origin, IFeedSink sink, CancellationToken cancellationToken)
    {
        var index = 0;
        await foreach (var element in JsonArrayStream.ElementsAsync(content, "vulnerabilities", arrayRequired: false, MaxVulnerabilityBytes, Name, origin, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (NvdScoreMapper.Map(element) is { } score)
                {
                    sink.Add(score);
                }
            }
            catch (FeedRecordException e)
            {
                sink.Skipped($"{origin}: vulnerabilities[{index}]", e.Message);
            }

            index++;
        }
    }
}
