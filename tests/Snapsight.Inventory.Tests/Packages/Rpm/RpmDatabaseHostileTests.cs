using System.Buffers.Binary;
using Snapsight.Disk.Tests.Support;
using Snapsight.Inventory.Packages.Rpm;

namespace Snapsight.Inventory.Tests.Packages.Rpm;

/// <summary>
/// The real databases with one structure broken each (hostile-input items 28–30): the read ends
/// in a clear problem or a partial result, within the time and allocation bar, never a hang.
/// </summary>
public sealed class RpmDatabaseHostileTests
{
    private static byte[] Real(params string[] path) => File.ReadAllBytes(SharedData.Path(["pkgdb", "rpm", "go-rpmdb", .. path]));

    private static RpmReadResult ReadWithinBar(byte[] database, byte[]? wal = null)
    {
        RpmReadResult? result = null;
        Assert.Null(HostileInput.Run(_ =>
        {
            result = RpmDatabaseReader.Read(database, "db", wal);
            return Task.CompletedTask;
        }));
        return result!;
    }

    private static void AssertProblem(RpmReadResult result, string expected) =>
        Assert.Contains(result.Problems, p => p.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Sqlite_child_pointer_past_the_end_is_a_problem()
    {
        var sqlite = new SqliteCorruptions(Real("amazonlinux2023-plain", "rpmdb.sqlite"));
        BinaryPrimitives.WriteUInt32BigEndian(sqlite.File.AsSpan(sqlite.PageStart(sqlite.Root) + 8), 0xFFFFFFF0);

        AssertProblem(ReadWithinBar(sqlite.File), "outside 1..");
    }

    [Fact]
    public void Sqlite_child_pointing_at_its_ancestor_is_a_problem()
    {
        var sqlite = new SqliteCorruptions(Real("amazonlinux2023-plain", "rpmdb.sqlite"));
        BinaryPrimitives.WriteUInt32BigEndian(sqlite.File.AsSpan(sqlite.PageStart(sqlite.Root) + 8), sqlite.Root);

        var result = ReadWithinBar(sqlite.File);

        AssertProblem(result, "reached twice");
        Assert.NotEmpty(result.Packages);
    }

    [Fact]
    public void Sqlite_overflow_chain_looping_on_itself_is_a_problem()
    {
        var sqlite = new SqliteCorruptions(Real("amazonlinux2023-plain", "rpmdb.sqlite"));
        Assert.True(sqlite.OverflowPointer > 0, "the first AL2023 header should spill to overflow pages");
        var first = BinaryPrimitives.ReadUInt32BigEndian(sqlite.File.AsSpan(sqlite.OverflowPointer));
        BinaryPrimitives.WriteUInt32BigEndian(sqlite.File.AsSpan(sqlite.PageStart(first)), first);

        AssertProblem(ReadWithinBar(sqlite.File), "loop");
    }

    [Fact]
    public void Sqlite_cells_sharing_one_cell_and_its_overflow_chain_are_a_problem()
    {
        var sqlite = new SqliteCorruptions(Real("amazonlinux2023-plain", "rpmdb.sqlite"));
        var array = sqlite.PageStart(sqlite.Leaf) + 8;
        var count = BinaryPrimitives.ReadUInt16BigEndian(sqlite.File.AsSpan(sqlite.PageStart(sqlite.Leaf) + 3));
        Assert.True(count >= 2);
        for (var i = 1; i < count; i++)
        {
            sqlite.File.AsSpan(array, 2).CopyTo(sqlite.File.AsSpan(array + (2 * i)));
        }

        var result = ReadWithinBar(sqlite.File);

        Assert.True(result.Packages.Count < 103);
        Assert.NotEmpty(result.Problems);
    }

    [Fact]
    public void Sqlite_one_bad_header_costs_one_package()
    {
        var sqlite = new SqliteCorruptions(Real("amazonlinux2023-plain", "rpmdb.sqlite"));
        var recordHeaderSize = sqlite.File[sqlite.PayloadStart];
        Assert.True(recordHeaderSize < 0x80, "a one-byte record header size varint");
        BinaryPrimitives.WriteInt32BigEndian(sqlite.File.AsSpan(sqlite.PayloadStart + recordHeaderSize), 0x10000);

        var result = ReadWithinBar(sqlite.File);

        Assert.Equal(102, result.Packages.Count);
        AssertProblem(result, "il=65536");
    }

    [Fact]
    public void Sqlite_huge_payload_size_is_a_problem()
    {
        var sqlite = new SqliteCorruptions(Real("amazonlinux2023-plain", "rpmdb.sqlite"));
        sqlite.File.AsSpan(sqlite.FirstCell, 9).Fill(0xFF);

        AssertProblem(ReadWithinBar(sqlite.File), "payload size");
    }

    [Theory]
    [InlineData(50)]
    [InlineData(4096)]
    [InlineData(1_000_000)]
    public void Sqlite_truncated_file_is_a_problem_or_partial(int length)
    {
        var result = ReadWithinBar(Real("amazonlinux2023-plain", "rpmdb.sqlite")[..length]);

        Assert.NotEmpty(result.Problems);
    }

    [Theory]
    [InlineData(16, new byte[] { 0x03, 0x00 }, "page size")] // 768 is not a power of two
    [InlineData(16, new byte[] { 0x00, 0x00 }, "page size")]
    [InlineData(20, new byte[] { 0xFF }, "usable page size")] // with the 512-byte page set below: 257 usable bytes < 480
    [InlineData(56, new byte[] { 0, 0, 0, 7 }, "text encoding")]
    [InlineData(0, new byte[] { 0x8E, 0x1F, 0x22, 0x93 }, "neither")] // an encrypted (SEE/SQLCipher) file starts with random bytes
    public void Sqlite_bad_database_header_is_a_problem(int at, byte[] bytes, string expected)
    {
        var file = Real("amazonlinux2023-plain", "rpmdb.sqlite");
        bytes.CopyTo(file, at);
        if (expected == "usable page size")
        {
            file[16] = 0x02;
            file[17] = 0x00;
        }

        AssertProblem(ReadWithinBar(file), expected);
    }

    [Fact]
    public void Sqlite_write_ahead_log_with_a_bad_magic_is_a_problem()
    {
        AssertProblem(ReadWithinBar(Real("amazonlinux2023-plain", "rpmdb.sqlite"), new byte[64]), "magic");
    }

    [Fact]
    public void Write_ahead_log_without_a_main_database_is_a_problem()
    {
        AssertProblem(ReadWithinBar([], new byte[64]), "neither");
    }

    [Fact]
    public void Berkeley_zeroed_pages_give_an_empty_result_without_looping()
    {
        var file = Real("libuuid", "Packages");
        file.AsSpan(4096).Clear();

        Assert.Empty(ReadWithinBar(file).Packages);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(4095)]
    [InlineData(4096 * 3)]
    public void Berkeley_truncated_file_is_a_problem_or_partial(int length)
    {
        var result = ReadWithinBar(Real("libuuid", "Packages")[..length]);

        Assert.Empty(result.Packages);
        Assert.True(length > 4096 || result.Problems.Count > 0);
    }

    [Theory]
    [InlineData("self")]
    [InlineData("past the end")]
    [InlineData("cycle")]
    public void Berkeley_overflow_chain_broken_is_a_problem(string how)
    {
        var file = Real("libuuid", "Packages");
        var overflow = Enumerable.Range(1, (file.Length / 4096) - 1).Where(p => file[(p * 4096) + 25] == 7).ToList();
        Assert.True(overflow.Count >= 2);
        var page = overflow[0];
        var next = how switch
        {
            "self" => (uint)page,
            "past the end" => 0x00FFFFFFu,
            _ => BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((page * 4096) + 12)) is var previous and not 0 ? previous : (uint)page,
        };
        foreach (var p in overflow)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((p * 4096) + 16), how == "cycle" ? (uint)overflow[0] : next);
        }

        var result = ReadWithinBar(file);

        Assert.Empty(result.Packages);
        AssertProblem(result, "overflow");
    }

    [Fact]
    public void Ndb_slot_page_count_that_wraps_32_bits_is_rejected()
    {
        // 0x00100001 × 4096 is 0x1_0000_1000: 4096 once truncated to 32 bits (CVE-2026-44605).
        var file = Real("sle15-bci", "Packages.db");
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(12), 0x00100001);

        var result = ReadWithinBar(file);

        Assert.Empty(result.Packages);
        AssertProblem(result, "slotnpages");
    }

    [Fact]
    public void Ndb_every_slot_naming_the_largest_blob_is_stopped()
    {
        // Valid blobs never overlap; 250-odd slots all naming one 57 KiB blob add up to more than the file.
        var file = Real("sle15-bci", "Packages.db");
        var slots = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(12)) * 256;
        var largest = Enumerable.Range(2, slots - 2).Where(s => BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((s * 16) + 4)) != 0)
            .MaxBy(s => BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((s * 16) + 12)));
        for (var s = 2; s < slots; s++)
        {
            file.AsSpan(largest * 16, 16).CopyTo(file.AsSpan(s * 16));
        }

        AssertProblem(ReadWithinBar(file), "overlap");
    }

    [Fact]
    public void Ndb_slot_pointing_past_the_end_costs_one_package()
    {
        var file = Real("sle15-bci", "Packages.db");
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(32 + 8), 0x7FFFFFFF);

        var result = ReadWithinBar(file);

        Assert.Equal(35, result.Packages.Count);
        AssertProblem(result, "outside");
    }
}
