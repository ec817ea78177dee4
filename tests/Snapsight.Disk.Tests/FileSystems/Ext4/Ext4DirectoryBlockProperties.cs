using System.Buffers.Binary;
using System.Text;
using CsCheck;
using Snapsight.Disk.FileSystems;
using Snapsight.Disk.FileSystems.Ext4;

namespace Snapsight.Disk.Tests.FileSystems.Ext4;

/// <summary>
/// A lookup in one directory block (<see cref="Ext4DirectoryBlock.Find"/>, which compares raw name bytes) against
/// parsing the whole block and comparing the decoded names, as listing does: same entry, same error, on blocks built
/// from random entries (invalid UTF-8, "." and "..", unused slots, padding) and then damaged at random.
/// </summary>
public sealed class Ext4DirectoryBlockProperties
{
    private const int BlockSize = 1024;
    private const uint InodesCount = 5000;

    private static readonly Gen<byte[]> NameBytes = Gen.OneOf(
        Gen.OneOfConst("a", "b", "lib", "é", "日本", ".", "..", "x86_64-linux-gnu").Select(Encoding.UTF8.GetBytes),
        Gen.Byte[(byte)'a', (byte)'c'].Array[1, 3],
        Gen.Byte.Array[1, 6]);

    /// <summary>inode (0 = unused slot, some past s_inodes_count), name, file type, extra rec_len padding in 4-byte steps.</summary>
    private static readonly Gen<(uint Inode, byte[] Name, byte Type, int Padding)> Entry = Gen.Select(
        Gen.Frequency((1, Gen.Const(0u)), (8, Gen.UInt[1, InodesCount]), (1, Gen.UInt[InodesCount, uint.MaxValue])),
        NameBytes, Gen.Byte[0, 8], Gen.Int[0, 3]);

    [Fact]
    public void Finding_a_name_agrees_with_parsing_the_block_and_comparing_decoded_names()
    {
        var damage = Gen.Select(Gen.Int[0, BlockSize - 1], Gen.Byte).Array[0, 2];
        Gen.Select(Entry.Array[1, 12], damage, Gen.Bool, NameBytes).Sample((entries, changes, hasFileType, query) =>
        {
            var block = Build(entries, hasFileType);
            foreach (var (at, value) in changes)
            {
                block[at] = value;
            }

            // Names that decode differently from their bytes are not looked up this way (FindEntryAsync lists instead).
            var name = Encoding.UTF8.GetString(query);
            if (!Encoding.UTF8.GetBytes(name).AsSpan().SequenceEqual(query) || name.Contains('\uFFFD', StringComparison.Ordinal))
            {
                return;
            }

            Assert.Equal(Expected(block, hasFileType, name), Outcome(() => Ext4DirectoryBlock.Find(block, 0, hasFileType, InodesCount, query)));
        }, iter: 2000);
    }

    private static string Expected(byte[] block, bool hasFileType, string name) => Outcome(() =>
    {
        var all = new List<DirectoryEntry>();
        Ext4DirectoryBlock.Parse(block, 0, hasFileType, InodesCount, all);
        return all.FindIndex(e => e.Name == name) is var i and >= 0 ? all[i] : null;
    });

    private static string Outcome(Func<DirectoryEntry?> lookup)
    {
        try
        {
            return lookup()?.ToString() ?? "none";
        }
        catch (DiskFormatException e)
        {
            return "error: " + e.Message;
        }
    }

    /// <summary>The entries one after another, the last one's rec_len stretched to the block's end (as ext4 writes them).</summary>
    private static byte[] Build((uint Inode, byte[] Name, byte Type, int Padding)[] entries, bool hasFileType)
    {
        var block = new byte[BlockSize];
        var at = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            var (inode, name, type, padding) = entries[i];
            var length = ((8 + name.Length + 3) & ~3) + (4 * padding);
            if (at + length > BlockSize)
            {
                break;
            }

            var last = i == entries.Length - 1 || at + length + ((8 + entries[i + 1].Name.Length + 3) & ~3) + (4 * entries[i + 1].Padding) > BlockSize;
            var recLen = last ? BlockSize - at : length;
            BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(at), inode);
            BinaryPrimitives.WriteUInt16LittleEndian(block.AsSpan(at + 4), (ushort)recLen);
            if (hasFileType)
            {
                block[at + 6] = (byte)name.Length;
                block[at + 7] = type;
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(block.AsSpan(at + 6), (ushort)name.Length);
            }

            name.CopyTo(block, at + 8);
            at += recLen;
            if (last)
            {
                break;
            }
        }

        return block;
    }
}
