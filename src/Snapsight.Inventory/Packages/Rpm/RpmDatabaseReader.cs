namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>
/// Reads the installed packages from an rpm database file of any of rpm's three backends, told
/// apart by content: SQLite (rpm ≥ 4.16), NDB (SUSE) and BerkeleyDB hash (older rpm). A bad
/// header is a problem in the result and reading goes on; a broken structure that stops the walk
/// ends the read with the packages found so far and the problem named. gpg-pubkey entries are
/// kept, since <c>rpm -qa</c> lists them too.
/// </summary>
public static class RpmDatabaseReader
{
    public static RpmReadResult Read(ReadOnlyMemory<byte> database, string location, ReadOnlyMemory<byte>? writeAheadLog = null)
    {
        var headers = ReadHeaders(database, writeAheadLog);
        var packages = new List<InstalledPackage>(headers.Headers.Count);
        var problems = new List<string>(headers.Problems);
        foreach (var header in headers.Headers)
        {
            try
            {
                packages.Add(header.ToPackage(location));
            }
            catch (PackageDatabaseException bad)
            {
                problems.Add(bad.Message);
            }
        }

        return new RpmReadResult(packages, problems);
    }

    /// <summary>Every header that passes validation, for callers that want more than the package record (the file list).</summary>
    public static RpmHeaderReadResult ReadHeaders(ReadOnlyMemory<byte> database, ReadOnlyMemory<byte>? writeAheadLog = null)
    {
        var headers = new List<RpmHeader>();
        var problems = new List<string>();
        try
        {
            foreach (var blob in Blobs(database, writeAheadLog, problems))
            {
                if (blob.Error is { } error)
                {
                    problems.Add(error.Message);
                    continue;
                }

                try
                {
                    headers.Add(RpmHeader.Parse(blob.Data, blob.Offset));
                }
                catch (PackageDatabaseException bad)
                {
                    problems.Add(bad.Message);
                }
            }
        }
        catch (PackageDatabaseException broken)
        {
            problems.Add(broken.Message);
        }

        return new RpmHeaderReadResult(headers, problems);
    }

    private static IEnumerable<RpmBlob> Blobs(ReadOnlyMemory<byte> database, ReadOnlyMemory<byte>? writeAheadLog, List<string> problems)
    {
        var span = database.Span;
        if (SqliteDatabase.IsSqlite(span))
        {
            return SqliteBlobs(database, writeAheadLog, problems);
        }

        if (writeAheadLog is { Length: > 0 })
        {
            problems.Add("rpm: a write-ahead log was given for a database that is not SQLite; it was ignored");
        }

        if (NdbDatabase.IsNdb(span))
        {
            return NdbDatabase.Blobs(database);
        }

        if (BerkeleyHashDatabase.IsBerkeleyHash(span))
        {
            return BerkeleyHashDatabase.Open(database).Blobs();
        }

        throw new PackageDatabaseException("rpm", "rpm.database", 0, "neither an SQLite, NDB nor BerkeleyDB hash rpm database");
    }

    /// <summary>rpm's sqlite backend keeps headers in table Packages (hnum INTEGER PRIMARY KEY, blob BLOB).</summary>
    private static IEnumerable<RpmBlob> SqliteBlobs(ReadOnlyMemory<byte> database, ReadOnlyMemory<byte>? writeAheadLog, List<string> problems)
    {
        var sqlite = SqliteDatabase.Open(database, writeAheadLog);
        if (writeAheadLog is { Length: > 0 } && !sqlite.WalApplied)
        {
            problems.Add("rpm: the write-ahead log holds no committed transaction; the main file was read alone");
        }

        foreach (var row in sqlite.ScanTable(sqlite.FindTableRoot("Packages")))
        {
            yield return row.Error is { } error ? RpmBlob.Failed(error) : HeaderColumn(row);
        }
    }

    private static RpmBlob HeaderColumn(SqliteRow row)
    {
        try
        {
            var columns = SqliteRecord.Decode(row.Payload, row.Offset);
            if (columns.Count >= 2 && columns[1].Kind == SqliteValueKind.Blob)
            {
                return new RpmBlob(columns[1].Bytes, row.Offset, null);
            }

            return RpmBlob.Failed(new PackageDatabaseException("rpm", "sqlite.record", row.Offset, $"Packages row {row.RowId} has no blob column"));
        }
        catch (PackageDatabaseException error)
        {
            return RpmBlob.Failed(error);
        }
    }
}
