using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Packages.Rpm;

namespace Snapsight.Inventory.Tests.Packages.Rpm;

/// <summary>The real rpm is the oracle: what it lists from databases it wrote, we read the same.</summary>
public sealed class RpmOracleTests(RpmBuiltDatabase built) : IClassFixture<RpmBuiltDatabase>
{
    [Fact]
    public void Package_list_equals_rpm_qa()
    {
        var result = RpmDatabaseReader.Read(File.ReadAllBytes(built.SqlitePath), "/var/lib/rpm/rpmdb.sqlite");

        Assert.Empty(result.Problems);
        Assert.Equal(4, result.Packages.Count);
        Assert.Equal(RpmRow.Sorted(RpmBuiltDatabase.QueryAll(built.DatabaseDirectory)), RpmRow.Sorted(result.Packages.Select(p => RpmRow.From(p, true))));
        Assert.All(result.Packages, p => Assert.Equal("/var/lib/rpm/rpmdb.sqlite", p.Location));
    }

    [Fact]
    public void Real_amazon_linux_database_equals_rpm_qa_and_rpm_ql_run_here()
    {
        // rpm wants to lock and may write beside the database, so it reads a copy.
        var copy = built.TempPath("al2023");
        Directory.CreateDirectory(copy);
        var database = File.ReadAllBytes(SharedData.Path("pkgdb", "rpm", "go-rpmdb", "amazonlinux2023-plain", "rpmdb.sqlite"));
        File.WriteAllBytes(Path.Combine(copy, "rpmdb.sqlite"), database);

        var result = RpmDatabaseReader.Read(database, "/var/lib/rpm/rpmdb.sqlite");

        Assert.Equal(RpmRow.Sorted(RpmBuiltDatabase.QueryAll(copy)), RpmRow.Sorted(result.Packages.Select(p => RpmRow.From(p, true))));
        foreach (var name in (string[])["bash", "glibc", "ncurses-base", "gpg-pubkey"])
        {
            var header = RpmDatabaseReader.ReadHeaders(database).Headers.First(h => h.GetString(RpmTag.Name) == name);
            Assert.Equal(RpmBuiltDatabase.ListFiles(copy, name), header.GetFiles());
        }
    }

    [Theory]
    [InlineData("alpha")]
    [InlineData("alpha-tools")]
    [InlineData("beta")]
    [InlineData("gamma")]
    public void File_list_equals_rpm_ql(string name)
    {
        var header = RpmDatabaseReader.ReadHeaders(File.ReadAllBytes(built.SqlitePath)).Headers.Single(h => h.GetString(RpmTag.Name) == name);

        Assert.Equal(RpmBuiltDatabase.ListFiles(built.DatabaseDirectory, name), header.GetFiles());
    }

    [Fact]
    public void Committed_frames_of_a_write_ahead_log_are_applied()
    {
        // SQLite's own library deletes one package in WAL mode and the files are copied before it
        // checkpoints: the main file still has every package, the log says one is gone.
        var copy = built.TempPath("wal-copy.sqlite");
        File.Copy(built.SqlitePath, copy, overwrite: true);
        var script = $$"""
            import shutil, sqlite3
            c = sqlite3.connect("{{copy}}")
            c.execute("PRAGMA journal_mode=WAL")
            c.execute("PRAGMA wal_autocheckpoint=0")
            c.execute("DELETE FROM Packages WHERE hnum = (SELECT MAX(hnum) FROM Packages)")
            c.commit()
            shutil.copy("{{copy}}", "{{copy}}.main")
            shutil.copy("{{copy}}-wal", "{{copy}}.wal")
            c.close()
            """;
        Tool.Run("python3", ["-c", script], null, null);
        var main = File.ReadAllBytes(copy + ".main");
        var wal = File.ReadAllBytes(copy + ".wal");

        var withoutLog = RpmDatabaseReader.Read(main, "rpmdb.sqlite");
        var withLog = RpmDatabaseReader.Read(main, "rpmdb.sqlite", wal);

        Assert.NotEmpty(wal);
        Assert.Equal(4, withoutLog.Packages.Count);
        Assert.Empty(withLog.Problems);
        Assert.Equal(3, withLog.Packages.Count);
        var check = built.TempPath("wal-check");
        Directory.CreateDirectory(check);
        File.WriteAllBytes(Path.Combine(check, "rpmdb.sqlite"), main);
        File.WriteAllBytes(Path.Combine(check, "rpmdb.sqlite-wal"), wal);
        Assert.Equal(RpmRow.Sorted(RpmBuiltDatabase.QueryAll(check)), RpmRow.Sorted(withLog.Packages.Select(p => RpmRow.From(p, true))));

        // A torn commit frame (its last byte changed, so the running checksum fails) leaves the
        // transaction uncommitted: SQLite would ignore it, and so do we, saying so.
        wal[^1] ^= 0xFF;
        var torn = RpmDatabaseReader.Read(main, "rpmdb.sqlite", wal);
        Assert.Equal(4, torn.Packages.Count);
        Assert.Contains(torn.Problems, p => p.Contains("no committed transaction", StringComparison.Ordinal));
    }
}
