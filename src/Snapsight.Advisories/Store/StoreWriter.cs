using Microsoft.Data.Sqlite;
using Snapsight.Advisories.Feeds;
using Snapsight.Advisories.Model;

namespace Snapsight.Advisories.Store;

/// <summary>
/// Writes feed items into a store file that nobody else has open (the importer works on a
/// private copy and swaps it in when done), inside one transaction with prepared statements.
/// A record already in the store (same feed and id) from an earlier import is replaced, so
/// re-importing a feed refreshes it rather than doubling it. Within one import, records of one
/// id add up: the Debian tracker lists a CVE once per source package it affects, and each
/// entry is one more package of the same vulnerability. Enrichment rows replace by CVE.
/// </summary>
public sealed class StoreWriter : IFeedSink, IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private readonly SqliteCommand findVulnerability;
    private readonly SqliteCommand deleteAffected;
    private readonly SqliteCommand upsertVulnerability;
    private readonly SqliteCommand insertAffected;
    private readonly SqliteCommand upsertScore;
    private readonly SqliteCommand upsertEpss;
    private readonly SqliteCommand upsertKev;
    private readonly List<(string Where, string Reason)> skipped = [];
    private readonly HashSet<(string Feed, string Id)> writtenNow = [];
    private bool committed;

    private StoreWriter(SqliteConnection connection)
    {
        this.connection = connection;
        transaction = connection.BeginTransaction();
        findVulnerability = PreparedCommands.Prepare(connection, transaction, "SELECT rowid FROM vulnerabilities WHERE feed = $feed AND id = $id", "$feed", "$id");
        deleteAffected = PreparedCommands.Prepare(connection, transaction, "DELETE FROM affected WHERE vulnerability = $v", "$v");
        upsertVulnerability = PreparedCommands.Prepare(connection, transaction, 
            """
            INSERT INTO vulnerabilities (id, feed, aliases, title, description, severity, cvss_vector, cvss_score, cvss_source, published, modified)
            VALUES ($id, $feed, $aliases, $title, $description, $severity, $vector, $score, $source, $published, $modified)
            ON CONFLICT (feed, id) DO UPDATE SET aliases = excluded.aliases, title = excluded.title, description = excluded.description,
                severity = excluded.severity, cvss_vector = excluded.cvss_vector, cvss_score = excluded.cvss_score,
                cvss_source = excluded.cvss_source, published = excluded.published, modified = excluded.modified
            RETURNING rowid
            """,
            "$id", "$feed", "$aliases", "$title", "$description", "$severity", "$vector", "$score", "$source", "$published", "$modified");
        insertAffected = PreparedCommands.Prepare(connection, transaction, 
            """
            INSERT INTO affected (vulnerability, ecosystem, release, package, module, introduced, fixed, last_affected, status, severity)
            VALUES ($v, $ecosystem, $release, $package, $module, $introduced, $fixed, $last, $status, $severity)
            """,
            "$v", "$ecosystem", "$release", "$package", "$module", "$introduced", "$fixed", "$last", "$status", "$severity");
        upsertScore = PreparedCommands.Prepare(connection, transaction, "INSERT OR REPLACE INTO cve_scores (cve, vector, score, source, cwes) VALUES ($cve, $vector, $score, $source, $cwes)", "$cve", "$vector", "$score", "$source", "$cwes");
        upsertEpss = PreparedCommands.Prepare(connection, transaction, "INSERT OR REPLACE INTO epss (cve, score, percentile) VALUES ($cve, $score, $percentile)", "$cve", "$score", "$percentile");
        upsertKev = PreparedCommands.Prepare(connection, transaction, "INSERT OR REPLACE INTO kev (cve, date_added, due_date) VALUES ($cve, $added, $due)", "$cve", "$added", "$due");
    }

    /// <summary>Items added so far (advisories and enrichment rows), for the build record.</summary>
    public long Count { get; private set; }

    /// <summary>Records the feeds left out, with where and why.</summary>
    public IReadOnlyList<(string Where, string Reason)> SkippedRecords => skipped;

    /// <summary>Opens <paramref name="path"/> for writing, creating the schema when the file is new.</summary>
    public static StoreWriter Open(string path)
    {
        var connection = StoreConnection.Open(path, readOnly: false);
        try
        {
            using (var pragma = connection.CreateCommand())
            {
                // A private file swapped in only when complete: a crash loses the copy, never the store.
                pragma.CommandText = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF;";
                pragma.ExecuteNonQuery();
            }

            if (StoreConnection.SchemaVersion(connection) is null)
            {
                using var create = connection.CreateCommand();
                create.CommandText = StoreSchema.Create + $"INSERT INTO meta VALUES ('schema_version', '{StoreSchema.Version}');";
                create.ExecuteNonQuery();
            }

            return new StoreWriter(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Add(AdvisoryRecord advisory)
    {
        var v = advisory.Vulnerability;
        PreparedCommands.Set(findVulnerability, v.Feed, v.Id);
        var aliases = v.Aliases;
        if (findVulnerability.ExecuteScalar() is long existing)
        {
            if (writtenNow.Contains((v.Feed, v.Id)))
            {
                aliases = [.. ExistingAliases(existing).Union(v.Aliases, StringComparer.Ordinal)];
            }
            else
            {
                PreparedCommands.Set(deleteAffected, existing);
                deleteAffected.ExecuteNonQuery();
            }
        }

        writtenNow.Add((v.Feed, v.Id));
        PreparedCommands.Set(upsertVulnerability, v.Id, v.Feed, string.Join('\n', aliases), v.Title, v.Description, (int)v.Severity,
            v.Cvss?.Vector, v.Cvss?.Score, v.Cvss?.Source, v.Published, v.Modified);
        var rowid = (long)upsertVulnerability.ExecuteScalar()!;
        foreach (var a in advisory.Affected)
        {
            PreparedCommands.Set(insertAffected, rowid, a.Scope.Ecosystem, a.Scope.Release, a.Package, a.Module, a.Introduced, a.Fixed, a.LastAffected, (int)a.Status, (int)a.Severity);
            insertAffected.ExecuteNonQuery();
        }

        Count++;
    }

    private string[] ExistingAliases(long rowid)
    {
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT aliases FROM vulnerabilities WHERE rowid = $v";
        read.Parameters.AddWithValue("$v", rowid);
        return read.ExecuteScalar() is string { Length: > 0 } text ? text.Split('\n') : [];
    }

    public void Add(CveScore score)
    {
        PreparedCommands.Set(upsertScore, score.Cve, score.Cvss.Vector, score.Cvss.Score, score.Cvss.Source, string.Join('\n', score.Cwes));
        upsertScore.ExecuteNonQuery();
        Count++;
    }

    public void Add(EpssScore score)
    {
        PreparedCommands.Set(upsertEpss, score.Cve, score.Score, score.Percentile);
        upsertEpss.ExecuteNonQuery();
        Count++;
    }

    public void Add(KevEntry entry)
    {
        PreparedCommands.Set(upsertKev, entry.Cve, entry.DateAdded, entry.DueDate);
        upsertKev.ExecuteNonQuery();
        Count++;
    }

    public void Skipped(string where, string reason) => skipped.Add((where, reason));

    /// <summary>Records one imported file in the build record.</summary>
    public void AddFeedBuild(FeedBuild build)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO feeds (format, source, fetched_at, records, sha256) VALUES ($f, $s, $t, $r, $h)";
        insert.Parameters.AddWithValue("$f", build.Format);
        insert.Parameters.AddWithValue("$s", build.Source);
        insert.Parameters.AddWithValue("$t", build.FetchedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$r", build.Records);
        insert.Parameters.AddWithValue("$h", build.Sha256);
        insert.ExecuteNonQuery();
    }

    /// <summary>Stamps the build time, commits, and compacts the file.</summary>
    public void Commit(DateTimeOffset builtAt)
    {
        using (var stamp = connection.CreateCommand())
        {
            stamp.Transaction = transaction;
            stamp.CommandText = "INSERT OR REPLACE INTO meta VALUES ('built_at', $t)";
            stamp.Parameters.AddWithValue("$t", builtAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            stamp.ExecuteNonQuery();
        }

        transaction.Commit();
        committed = true;
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE; VACUUM;";
        analyze.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in new[] { findVulnerability, deleteAffected, upsertVulnerability, insertAffected, upsertScore, upsertEpss, upsertKev })
        {
            command.Dispose();
        }

        if (!committed)
        {
            transaction.Rollback();
        }

        transaction.Dispose();
        connection.Dispose();
    }
}
