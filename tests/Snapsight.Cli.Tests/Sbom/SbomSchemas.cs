using System.Text.Json;
using Json.Schema;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cli.Tests.Sbom;

/// <summary>
/// The schemas an SBOM is checked against: CycloneDX's official bom-1.6 (with the SPDX licence
/// list and JSF schemas it references), fetched by tests/images/build-sbom-fixtures; and, since
/// the official SPDX 2.3 schema is not reachable here, our own schema of the SPDX fields we write.
/// </summary>
public static class SbomSchemas
{
    private static readonly FixtureScript CycloneDxFixtures = new("build-sbom-fixtures");

    private static readonly Lazy<JsonSchema> CycloneDxSchema = new(LoadCycloneDx, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<JsonSchema> SpdxSchema = new(
        () => JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Sbom", "spdx-2.3-emitted.schema.json"), new BuildOptions { SchemaRegistry = new SchemaRegistry() }),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The identifiers of the SPDX licence list as CycloneDX's schema enumerates them: a list that is not ours.</summary>
    public static IReadOnlySet<string> SpdxLicenceIds { get; } = new HashSet<string>(LoadLicenceIds(), StringComparer.Ordinal);

    public static void AssertValidCycloneDx(JsonElement document) => AssertValid(CycloneDxSchema.Value, document);

    public static void AssertValidSpdx(JsonElement document) => AssertValid(SpdxSchema.Value, document);

    /// <summary>Asserts that the document satisfies the schema, listing the first errors when it does not.</summary>
    public static void AssertValid(JsonSchema schema, JsonElement document)
    {
        var result = schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var errors = (result.Details ?? [])
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .Take(20);
        Assert.True(result.IsValid, "schema errors:\n" + string.Join("\n", errors));
    }

    /// <summary>bom-1.6 refers to its siblings by file name; each is registered under the URI that name resolves to.</summary>
    private static JsonSchema LoadCycloneDx()
    {
        var registry = new SchemaRegistry();
        var options = new BuildOptions { SchemaRegistry = registry };
        var baseUri = new Uri("http://cyclonedx.org/schema/");
        foreach (var sibling in new[] { "spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json" })
        {
            var schema = JsonSchema.FromFile(Path.Combine(CycloneDxFixtures.Folder, sibling), options);
            registry.Register(new Uri(baseUri, sibling), schema);
        }

        return JsonSchema.FromFile(Path.Combine(CycloneDxFixtures.Folder, "bom-1.6.SNAPSHOT.schema.json"), options);
    }

    private static List<string> LoadLicenceIds()
    {
        using var schema = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(CycloneDxFixtures.Folder, "spdx.SNAPSHOT.schema.json")));
        return schema.RootElement.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToList();
    }
}
