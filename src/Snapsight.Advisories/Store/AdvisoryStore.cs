using System.Globalization;
using Microsoft.Data.Sqlite;
using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Store;

/// <summary>
/// A store opened read-only for matching. Lookups run on prepared statements and remember
/// vulnerability records and enrichment once read, since one scan asks for the same CVE for
/// many packages. Not thread-safe: one per scan.
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

    private AdvisoryStore(SqliteConnection connection)
    {
        this.connection = connection;
        ranges = PreparedCommands.Prepare(connection, null, "SELECT vulnerability, module, introduced, fixed, last_affected, status, severity FROM affected WHERE ecosystem = $e AND release = $r AND package = $p", "$e", "$r", "$p");
        vulnerability = PreparedCommands.Prepare(connection, null, "SELECT id, feed, aliases, title, description, severity, cvss_vector, cvss_score, cvss_source, published, modified FROM vulnerabilities WHERE rowid = $v", "$v");
        score = PreparedCommands.Prepare(connection, null, "SELECT vector, score, source, cwes FROM cve_scores WHERE cve = $c", "$c");
        epss = PreparedCommands.Prepare(connection, null, "SELECT score, percentile FROM epss WHERE cve = $c", "$c");
        kev = PreparedCommands.Prepare(connection, null, "SELECT date_added, due_date FROM kev WHERE cve = $c", "$c");
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
        Check(path);
        return new AdvisoryStore(StoreConnection.Open(path, readOnly: true));
    }

    /// <summary>Throws <see cref="StoreUnavailableException"/> unless <paramref name="path"/> is a store of this schema version.</summary>
    public static void Check(string path)
    {
        if (!File.Exists(path))
        {
            throw new StoreUnavailableException($"no advisory database at {path}: run `snapsight db update` (or `snapsight db import FILE…`), or point --db at one");
        }

        int? version;
        try
        {
            using var connection = StoreConnection.Open(path, readOnly: true);
            version = StoreConnection.SchemaVersion(connection);
        }
        catch (SqliteException e)
        {
            throw new StoreUnavailableException($"{path} is not an advisory database ({e.Message.TrimEnd('.')}): run `snapsight db update` to rebuild it");
        }

        if (version != StoreSchema.Version)
        {
            throw new StoreUnavailableException($"{path} is an advisory database of schema {version?.ToString(CultureInfo.InvariantCulture) ?? "none"}, this snapsight reads schema {StoreSchema.Version}: run `snapsight db update` to rebuild it");
        }
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

    /// <summary>Every stored stretch for one package name in one scope.</summary>
    public IReadOnlyList<StoredRange> Ranges(AdvisoryScope scope, string package)
    {
        PreparedCommands.Set(ranges, scope.Ecosystem, scope.Release, package);
        using var reader = ranges.ExecuteReader();
        List<StoredRange>? found = null;
        while (reader.Read())
        {
            (found ??= []).Add(new StoredRange(
                reader.GetInt64(0), NullableString(reader, 1), NullableString(reader, 2), NullableString(reader, 3), NullableString(reader, 4),
                (AffectedStatus)reader.GetInt32(5), (Severity)reader.GetInt32(6)));
        }

        return found ?? (IReadOnlyList<StoredRange>)[];
    }

    public VulnerabilityRecord Vulnerability(long rowid)
    {
        if (vulnerabilities.TryGetValue(rowid, out var known))
        {
            return known;
        }

        PreparedCommands.Set(vulnerability, rowid);
        using var reader = vulnerability.ExecuteReader();
        if (!reader.Read())
        {
            throw new StoreUnavailableException($"the advisory database refers to vulnerability row {rowid}, which it does not hold: run `snapsight db update` to rebuild it");
        }

        var record = new VulnerabilityRecord
        {
            Id = reader.GetString(0),
            Feed = reader.GetString(1),
            Aliases = reader.GetString(2) is { Length: > 0 } aliases ? aliases.Split('\n') : [],
            Title = NullableString(reader, 3),
            Description = NullableString(reader, 4),
            Severity = (Severity)reader.GetInt32(5),
            Cvss = NullableString(reader, 6) is { } vector ? new Cvss(vector, reader.IsDBNull(7) ? null : reader.GetDouble(7), NullableString(reader, 8) ?? "") : null,
            Published = NullableString(reader, 9),
            Modified = NullableString(reader, 10),
        };
        vulnerabilities[rowid] = record;
        return record;
    }

    public CveScore? Score(string cve)
    {
        PreparedCommands.Set(score, cve);
        using var reader = score.ExecuteReader();
        return reader.Read()
            ? new CveScore(cve, new Cvss(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetDouble(1), reader.GetString(2)), reader.GetString(3) is { Length: > 0 } cwes ? cwes.Split('\n') : [])
            : null;
    }

    public EpssScore? Epss(string cve)
    {
        PreparedCommands.Set(epss, cve);
        using var reader = epss.ExecuteReader();
        return reader.Read() ? new EpssScore(cve, reader.GetDouble(0), reader.GetDouble(1)) : null;
    }

    public KevEntry? Kev(string cve)
    {
        PreparedCommands.Set(kev, cve);
        using var reader = kev.ExecuteReader();
        return reader.Read() ? new KevEntry(cve, reader.GetString(0), NullableString(reader, 1)) : null;
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
