using System.Text.Json;
using Snapsight.Advisories.Model;
using Snapsight.Advisories.Store;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Matching.Trivy;

/// <summary>
/// A test-only adapter from Trivy's fixture advisory DB (../shared/data/golden/trivy/fixtures-db,
/// YAML buckets "os release" → package → vulnerability → {FixedVersion, Status}) into our store.
/// Debian's python3 yaml module reads the YAML, so no YAML code of ours is involved. Trivy's status
/// numbers: 1 not affected, 2 affected, 3 fixed, 4 under investigation, 5 will not fix,
/// 6 fix deferred, 7 end of life; a value with no FixedVersion and no Status is affected.
/// </summary>
internal static class TrivyFixtureDb
{
    private const string ToJson = "import sys, json, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))";

    /// <summary>Writes the buckets named in <paramref name="buckets"/> (Trivy's bucket name → our scope) into a new store.</summary>
    public static void WriteStore(string storePath, string yamlFile, IReadOnlyDictionary<string, AdvisoryScope> buckets)
    {
        using var document = JsonDocument.Parse(Tool.Run("/usr/bin/python3", "-c", ToJson, SharedData.Path("golden", "trivy", "fixtures-db", yamlFile)));
        using var writer = StoreWriter.Open(storePath);
        foreach (var bucket in document.RootElement.EnumerateArray())
        {
            if (!buckets.TryGetValue(bucket.GetProperty("bucket").GetString()!, out var scope))
            {
                continue;
            }

            foreach (var package in bucket.GetProperty("pairs").EnumerateArray())
            {
                var name = package.GetProperty("bucket").GetString()!;
                foreach (var pair in package.GetProperty("pairs").EnumerateArray())
                {
                    writer.Add(Advisory(scope, name, pair.GetProperty("key").GetString()!, pair.GetProperty("value")));
                }
            }
        }

        writer.Commit(DateTimeOffset.UtcNow);
    }

    private static AdvisoryRecord Advisory(AdvisoryScope scope, string package, string id, JsonElement value)
    {
        var fixedVersion = value.TryGetProperty("FixedVersion", out var f) ? f.GetString() : null;
        var status = fixedVersion is { Length: > 0 } ? AffectedStatus.Fixed
            : value.TryGetProperty("Status", out var s) ? TrivyStatus(s.GetInt32())
            : AffectedStatus.Affected;
        var vulnerability = new VulnerabilityRecord { Id = id, Feed = $"trivy-fixture:{scope}" };
        var range = new AffectedRange { Scope = scope, Package = package, Fixed = fixedVersion is { Length: > 0 } ? fixedVersion : null, Status = status };
        return new AdvisoryRecord(vulnerability, [range]);
    }

    private static AffectedStatus TrivyStatus(int status) => status switch
    {
        1 => AffectedStatus.NotAffected,
        3 => AffectedStatus.Fixed,
        4 => AffectedStatus.UnderInvestigation,
        5 => AffectedStatus.WillNotFix,
        6 => AffectedStatus.FixDeferred,
        7 => AffectedStatus.EndOfLife,
        _ => AffectedStatus.Affected,
    };
}
