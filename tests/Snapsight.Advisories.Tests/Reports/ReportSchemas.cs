using System.Text.Json;
using Json.Schema;
using Snapsight.Cli.Tests.Sbom;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Reports;

/// <summary>
/// The SARIF 2.1.0 schema as Microsoft's SARIF SDK ships it, fetched by
/// tests/images/build-sarif-fixtures. (CycloneDX's comes through <see cref="SbomSchemas"/>.)
/// </summary>
public static class ReportSchemas
{
    private static readonly FixtureScript SarifFixtures = new("build-sarif-fixtures");

    private static readonly Lazy<JsonSchema> SarifSchema = new(
        () => JsonSchema.FromFile(Path.Combine(SarifFixtures.Folder, "sarif-2.1.0.json"), new BuildOptions { SchemaRegistry = new SchemaRegistry() }),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public static void AssertValidSarif(JsonElement log) => SbomSchemas.AssertValid(SarifSchema.Value, log);
}
