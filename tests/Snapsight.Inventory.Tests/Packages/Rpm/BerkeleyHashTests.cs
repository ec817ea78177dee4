using System.Buffers.Binary;
using Snapsight.Inventory.Packages.Rpm;

namespace Snapsight.Inventory.Tests.Packages.Rpm;

/// <summary>
/// Small BerkeleyDB hash files written here (the real ones hold only off-page values from
/// little-endian machines): inline H_KEYDATA values, both byte orders, rpm's key-0 counter.
/// </summary>
public sealed class BerkeleyHashTests
{
    private const int PageSize = 512;

    /// <summary>Page 0 a hash meta page; page 1 a hash page holding (key, value) pairs packed from its end.</summary>
    private static byte[] Database(bool bigEndian, params (uint Key, byte[] Value)[] pairs)
    {
        var file = new byte[PageSize * 2];
        void Write32(int at, uint value)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(at), value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(at), value);
            }
        }

        void Write16(int at, int value)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(at), (ushort)value);
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(at), (ushort)value);
            }
        }

        Write32(12, 0x061561);
        Write32(16, 9);
        Write32(20, PageSize);
        file[25] = 8;
        Write32(32, 1);

        var page = PageSize;
        file[page + 25] = 13;
        Write16(page + 20, pairs.Length * 2);
        var end = PageSize;
        var index = 0;
        foreach (var (key, value) in pairs)
        {
            end -= 5;
            file[page + end] = 1;
            Write32(page + end + 1, key);
            Write16(page + 26 + (2 * index++), end);
            end -= 1 + value.Length;
            file[page + end] = 1;
            value.CopyTo(file, page + end + 1);
            Write16(page + 26 + (2 * index++), end);
        }

        return file;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Inline_values_are_read_in_either_byte_order(bool bigEndian)
    {
        var counter = new byte[4];
        var file = Database(bigEndian, (0, counter), (1, RpmHeaderBuilder.Package("one").Build()), (2, RpmHeaderBuilder.Package("two").Build()));

        var result = RpmDatabaseReader.Read(file, "/var/lib/rpm/Packages");

        Assert.Empty(result.Problems);
        Assert.Equal(["one", "two"], result.Packages.Select(p => p.Name));
    }

    [Fact]
    public void A_bad_header_costs_only_its_package()
    {
        var broken = RpmHeaderBuilder.Package("bad").Build();
        BinaryPrimitives.WriteInt32BigEndian(broken, 0x10000);
        var file = Database(false, (1, broken), (2, RpmHeaderBuilder.Package("good").Build()));

        var result = RpmDatabaseReader.Read(file, "/var/lib/rpm/Packages");

        Assert.Equal(["good"], result.Packages.Select(p => p.Name));
        Assert.Single(result.Problems);
    }

    [Fact]
    public void A_repeated_key_is_read_once_and_named()
    {
        var header = RpmHeaderBuilder.Package("dup").Build();
        var file = Database(true, (7, header), (7, header));

        var result = RpmDatabaseReader.Read(file, "db");

        Assert.Single(result.Packages);
        Assert.Contains("appears again", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_is_not_four_bytes_is_a_problem()
    {
        var file = Database(false, (1, RpmHeaderBuilder.Package("one").Build()));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(PageSize + 26), PageSize - 3);

        Assert.Contains("4-byte header key", Assert.Single(RpmDatabaseReader.Read(file, "db").Problems), StringComparison.Ordinal);
    }
}
