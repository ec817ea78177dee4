using System.Globalization;
using Microsoft.Data.Sqlite;
using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Store;

/// <summary>
/// A store opened read-only for matching. Lookups are batched: one statement per scope finds
/// the stretches of all of a scan's packages, one reads the records they belong to, and three
/// read the enrichment of every CVE those name (SQLite's json_each carries the key lists).
/// Records and enrichment are remembered once read. Not thread-safe: one per scan.
/// </summary>
public sealed class AdvisoryStore : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteCommand ranges;
    private readonly SqliteCommand vulnerability;
    private readonly SqliteCommand score;
    private readonly SqliteCommand epss;
    private readonly SqliteCommand kev;
    private readonly Dictionary<long, VulnerabilityRecord> vulnerabilities = [];
    private readonly HashSet<string> enriched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CveScore> scores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EpssScore> epssScores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KevEntry> kevEntries = new(StringComparer.Ordinal);

    private AdvisoryStore(SqliteConnection connection)
    {
        this.connection = connection;
        ranges = PreparedCommands.Prepare(
            connection,
            null,
            "SELECT a.package, a.vulnerability, a.module, a.introduced, a.fixed, a.last_affected, a.status, a.severity FROM json_each($packages) AS w " +
            "JOIN affected AS a ON a.ecosystem = $e AND a.release = $r AND a.package = w.value",
            "$packages", "$e", "$r");
        vulnerability = PreparedCommands.Prepare(
            connection,
            null,
            "SELECT v.rowid, v.id, v.feed, v.aliases, v.title, v.description, v.severity, v.cvss_vector, v.cvss_score, v.cvss_source, v.published, v.modified " +
            "FROM json_each($rowids) AS w JOIN vulnerabilities AS v ON v.rowid = w.value",
            "$rowids");
        score = PreparedCommands.Prepare(connection, null, "SELECT s.cve, s.vector, s.score, s.source, s.cwes FROM json_each($cves) AS w JOIN cve_scores AS s ON s.cve = w.value", "$cves");
        epss = PreparedCommands.Prepare(connection, null, "SELECT e.cve, e.score, e.percentile FROM json_each($cves) AS w JOIN epss AS e ON e.cve = w.value", "$cves");
        kev = PreparedCommands.Prepare(connection, null, "SELECT k.cve, k.date_added, k.due_date FROM json_each($cves) AS w JOIN kev AS k ON k.cve = w.value", "$cves");
    }

    /// <summary>The default store: $SNAPSIGHT_DB, else advisories.db in the per-user cache folder.</summary>
    public static string DefaultPath() =>
        Environment.GetEnvironmentVariable("SNAPSIGHT_DB") is { Length: > 0 } path
            ? path
            : Path.Combine(
                Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
                "snapsight", "advisories.db");

    /// <summary>Opens a store for reading; <see cref="StoreUnavailableException"/> when it is missing or unusable.</summary>
    public static AdvisoryStore Open(string path)
    {
        var connection = OpenChecked(path);
        try
        {
            return new AdvisoryStore(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Throws <see cref="StoreUnavailableException"/> unless <paramref name="path"/> is a store of this schema version.</summary>
    public static void Check(string path) => OpenChecked(path).Dispose();

    /// <summary>Throws <see cref="StoreUnavailableException"/> when there is no file at <paramref name="path"/>: the cheap check a command makes before any slow work.</summary>
    public static void RequireFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new StoreUnavailableException($"no advisory database at {path}: run `snapsight db update` (or `snapsight db import FILE…`), or point --db at one");
        }
    }

    /// <summary>A read-only connection to a store of this schema version: the one connection a scan uses, checked once.</summary>
    private static SqliteConnection OpenChecked(string path)
    {
        RequireFile(path);

        SqliteConnection? connection = null;
        int? version;
        try
        {
            connection = StoreConnection.Open(path, readOnly: true);
            version = StoreConnection.SchemaVersion(connection);
        }
        catch (SqliteException e)
        {
            connection?.Dispose();
            throw new StoreUnavailableException($"{path} is not an advisory database ({e.Message.TrimEnd('.')}): run `snapsight db update` to rebuild it");
        }

        if (version != StoreSchema.Version)
        {
            connection.Dispose();
            throw new StoreUnavailableException($"{path} is an advisory database of schema {version?.ToString(CultureInfo.InvariantCulture) ?? "none"}, this snapsight reads schema {StoreSchema.Version}: run `snapsight db update` to rebuild it");
        }

        return connection;
    }

    public StoreBuildRecord BuildRecord()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'built_at'";
        var builtAt = command.ExecuteScalar() is string text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;
        command.CommandText = "SELECT format, source, fetched_at, records, sha256 FROM feeds ORDER BY rowid";
        var feeds = new List<FeedBuild>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                feeds.Add(new FeedBuild(reader.GetString(0), reader.GetString(1), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture), reader.GetInt64(3), reader.GetString(4)));
            }
        }

        return new StoreBuildRecord(StoreSchema.Version, builtAt, feeds);
    }

    /// <summary>Rows per table, for <c>db status</c>.</summary>
    public IReadOnlyList<(string Table, long Rows)> Counts()
    {
        var counts = new List<(string, long)>();
        using var command = connection.CreateCommand();
        foreach (var table in new[] { "vulnerabilities", "affected", "cve_scores", "epss", "kev" })
        {
            command.CommandText = $"SELECT count(*) FROM {table}";
            counts.Add((table, (long)command.ExecuteScalar()!));
        }

        return counts;
    }

    /// <summary>Whether the store holds any advisory for <paramref name="scope"/>: "no findings" means nothing when it holds none.</summary>
    public bool Covers(AdvisoryScope scope)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM affected WHERE ecosystem = $e AND release = $r)";
        command.Parameters.AddWithValue("$e", scope.Ecosystem);
        command.Parameters.AddWithValue("$r", scope.Release);
        return (long)command.ExecuteScalar()! == 1;
    }

    /// <summary>Every stored stretch for each of <paramref name="packages"/> (names as the store keys them) in one scope, in one statement.</summary>
    public IReadOnlyDictionary<string, List<StoredRange>> Ranges(AdvisoryScope scope, IEnumerable<string> packages)
    {
        var found = new Dictionary<string, List<StoredRange>>(StringComparer.Ordinal);
        PreparedCommands.Set(ranges, JsonList.Of(packages.Distinct(StringComparer.Ordinal)), scope.Ecosystem, scope.Release);
        using var reader = ranges.ExecuteReader();
        while (reader.Read())
        {
            var package = reader.GetString(0);
            if (!found.TryGetValue(package, out var list))
            {
                found[package] = list = [];
            }

            list.Add(new StoredRange(
                reader.GetInt64(1), NullableString(reader, 2), NullableString(reader, 3), NullableString(reader, 4), NullableString(reader, 5),
                (AffectedStatus)reader.GetInt32(6), (Severity)reader.GetInt32(7)));
        }

        return found;
    }

    /// <summary>Reads the records of <paramref name="rowids"/> not read yet, and the enrichment of every CVE they name, in a few statements.</summary>
    public void Load(IEnumerable<long> rowids)
    {
        var missing = rowids.Where(r => !vulnerabilities.ContainsKey(r)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        PreparedCommands.Set(vulnerability, JsonList.Of(missing));
        using (var reader = vulnerability.ExecuteReader())
        {
            while (reader.Read())
            {
                vulnerabilities[reader.GetInt64(0)] = new VulnerabilityRecord
                {
                    Id = reader.GetString(1),
                    Feed = reader.GetString(2),
                    Aliases = reader.GetString(3) is { Length: > 0 } aliases ? aliases.Split('\n') : [],
                    Title = NullableString(reader, 4),
                    Description = NullableString(reader, 5),
                    Severity = (Severity)reader.GetInt32(6),
                    Cvss = NullableString(reader, 7) is { } vector ? new Cvss(vector, reader.IsDBNull(8) ? null : reader.GetDouble(8), NullableString(reader, 9) ?? "") : null,
                    Published = NullableString(reader, 10),
                    Modified = NullableString(reader, 11),
                };
            }
        }

        var cves = missing.Where(vulnerabilities.ContainsKey)
            .SelectMany(r => vulnerabilities[r].Aliases.Prepend(vulnerabilities[r].Id))
            .Where(n => n.StartsWith("CVE-", StringComparison.OrdinalIgnoreCase) && !enriched.Contains(n))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        LoadEnrichment(cves);
    }

    /// <summary>A record read by <see cref="Load"/>.</summary>
    public VulnerabilityRecord Vulnerability(long rowid) =>
        vulnerabilities.TryGetValue(rowid, out var record)
            ? record
            : throw new StoreUnavailableException($"the advisory database refers to vulnerability row {rowid}, which it does not hold: run `snapsight db update` to rebuild it");

    public CveScore? Score(string cve) => scores.GetValueOrDefault(cve);

    public EpssScore? Epss(string cve) => epssScores.GetValueOrDefault(cve);

    public KevEntry? Kev(string cve) => kevEntries.GetValueOrDefault(cve);

    private void LoadEnrichment(List<string> cves)
    {
        if (cves.Count == 0)
        {
            return;
        }

        var list = JsonList.Of(cves);
        enriched.UnionWith(cves);
        PreparedCommands.Set(score, list);
        using (var reader = score.ExecuteReader())
        {
            while (reader.Read())
            {
                var cve = reader.GetString(0);
                scores[cve] = new CveScore(cve, new Cvss(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.GetString(3)), reader.GetString(4) is { Length: > 0 } cwes ? cwes.Split('\n') : []);
            }
        }

        PreparedCommands.Set(epss, list);
        using (var reader = epss.ExecuteReader())
        {
            while (reader.Read())
            {
                epssScores[reader.GetString(0)] = new EpssScore(reader.GetString(0), reader.GetDouble(1), reader.GetDouble(2));
            }
        }

        PreparedCommands.Set(kev, list);
        using (var reader = kev.ExecuteReader())
        {
            while (reader.Read())
            {
                kevEntries[reader.GetString(0)] = new KevEntry(reader.GetString(0), reader.GetString(1), NullableString(reader, 2));
            }
        }
    }

    public void Dispose()
    {
        foreach (var command in new[] { ranges, vulnerability, score, epss, kev })
        {
            command.Dispose();
        }

        connection.Dispose();
    }

    private static string? NullableString(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
