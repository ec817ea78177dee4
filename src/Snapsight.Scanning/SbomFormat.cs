namespace Snapsight.Scanning;

/// <summary>The SBOM formats a scan's inventory is written in.</summary>
public enum SbomFormat
{
    /// <summary>CycloneDX 1.6 JSON.</summary>
    CycloneDx,

    /// <summary>SPDX 2.3 JSON.</summary>
    SpdxJson,
}
