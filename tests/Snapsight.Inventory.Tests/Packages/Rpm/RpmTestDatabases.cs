using Snapsight.Inventory.Packages.Rpm;

namespace Snapsight.Inventory.Tests.Packages.Rpm;

/// <summary>Reaches the parsed headers of an SQLite rpmdb, for checks on fields the package record does not carry.</summary>
internal static class RpmTestDatabases
{
    public static IEnumerable<RpmHeader> Headers(byte[] sqliteFile)
    {
        var database = SqliteDatabase.Open(sqliteFile, null);
        foreach (var row in database.ScanTable(database.FindTableRoot("Packages")))
        {
            yield return RpmHeader.Parse(SqliteRecord.Decode(row.Payload, row.Offset)[1].Bytes, row.Offset);
        }
    }
}
