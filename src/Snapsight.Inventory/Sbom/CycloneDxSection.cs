using System.Text.Json;

namespace Snapsight.Inventory.Sbom;

/// <summary>
/// Writes further top-level properties into a CycloneDX BOM (the scanner's "vulnerabilities"),
/// given the bom-ref each package got and a way to claim new ones, so they can point at
/// components without the SBOM writer knowing about them. It runs inside the root object,
/// after the SBOM's own sections.
/// </summary>
public delegate void CycloneDxSection(Utf8JsonWriter writer, CycloneDxBomRefs bomRefs);
