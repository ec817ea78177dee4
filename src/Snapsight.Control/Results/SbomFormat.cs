namespace Snapsight.Control.Results;

/// <summary>The SBOM documents a run keeps: CycloneDX JSON and SPDX JSON.</summary>
public enum SbomFormat
{
    CycloneDx,
    Spdx,
}
