namespace Snapsight.Advisories.Store;

/// <summary>
/// The advisory store's tables (docs/advisories/store.md). Bump <see cref="Version"/> with any
/// change: a store of another version is refused with a message to run <c>db update</c>, never
/// half-read. Lookups go by (ecosystem, release, package) on <c>affected</c>.
/// </summary>
internal static class StoreSchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE feeds (format TEXT NOT NULL, source TEXT NOT NULL, fetched_at TEXT NOT NULL, records INTEGER NOT NULL, sha256 TEXT NOT NULL);
        CREATE TABLE vulnerabilities (
            rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, feed TEXT NOT NULL, aliases TEXT NOT NULL,
            title TEXT, description TEXT, severity INTEGER NOT NULL,
            cvss_vector TEXT, cvss_score REAL, cvss_source TEXT, published TEXT, modified TEXT);
        CREATE UNIQUE INDEX vulnerabilities_by_feed_id ON vulnerabilities (feed, id);
        CREATE TABLE affected (
            vulnerability INTEGER NOT NULL REFERENCES vulnerabilities (rowid),
            ecosystem TEXT NOT NULL, release TEXT NOT NULL, package TEXT NOT NULL, module TEXT,
            introduced TEXT, fixed TEXT, last_affected TEXT, status INTEGER NOT NULL, severity INTEGER NOT NULL);
        CREATE INDEX affected_by_package ON affected (ecosystem, release, package);
        CREATE INDEX affected_by_vulnerability ON affected (vulnerability);
        CREATE TABLE cve_scores (cve TEXT PRIMARY KEY, vector TEXT NOT NULL, score REAL, source TEXT NOT NULL, cwes TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE epss (cve TEXT PRIMARY KEY, score REAL NOT NULL, percentile REAL NOT NULL) WITHOUT ROWID;
        CREATE TABLE kev (cve TEXT PRIMARY KEY, date_added TEXT NOT NULL, due_date TEXT) WITHOUT ROWID;
        """;
}
