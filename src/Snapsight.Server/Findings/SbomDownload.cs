using System.Text;
using Snapsight.Control.Persistence;
using Snapsight.Control.Results;

namespace Snapsight.Server.Findings;

/// <summary>
/// An asset's stored SBOM as a file to download, chosen by <c>format</c> (cyclonedx, the default, or
/// spdx): the API's <c>GET /api/v1/assets/{id}/sbom</c> and the console's download link answer the same file.
/// </summary>
public sealed record SbomDownload(SbomFormat Format, string MediaType, string Extension)
{
    public const string CycloneDxMediaType = "application/vnd.cyclonedx+json";
    public const string SpdxMediaType = "application/spdx+json";

    /// <summary>The download for the format's name (any case); null when the name is neither.</summary>
    public static SbomDownload? For(string? format) => (format ?? "cyclonedx").ToLowerInvariant() switch
    {
        "cyclonedx" => new SbomDownload(SbomFormat.CycloneDx, CycloneDxMediaType, "cdx.json"),
        "spdx" => new SbomDownload(SbomFormat.Spdx, SpdxMediaType, "spdx.json"),
        _ => null,
    };

    /// <summary>The file of the asset's current run; null when there is none in this format.</summary>
    public async Task<IResult?> FileAsync(ControlDbContext db, Guid assetId, CancellationToken ct) =>
        await ResultQueries.CurrentSbomAsync(db, assetId, Format, ct).ConfigureAwait(false) is { } content
            ? Results.File(Encoding.UTF8.GetBytes(content), MediaType, $"{assetId}.{Extension}")
            : null;
}
