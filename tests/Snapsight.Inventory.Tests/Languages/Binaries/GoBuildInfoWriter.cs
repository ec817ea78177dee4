using System.Text;

namespace Snapsight.Inventory.Tests.Languages.Binaries;

/// <summary>
/// Writes a <c>.go.buildinfo</c> section the way the Go 1.18+ linker lays it out (cmd/link's
/// buildinfo: 32-byte header, then varint-prefixed strings, the module text between the
/// runtime/debug sentinels), for crafted cases no Go build makes.
/// </summary>
public static class GoBuildInfoWriter
{
    private static readonly byte[] StartSentinel = Convert.FromHexString("3077af0c9274080241e1c107e6d618e6");
    private static readonly byte[] EndSentinel = Convert.FromHexString("f932433186182072008242104116d8f2");

    public static byte[] Section(string goVersion, string moduleText, byte flags = 0x2)
    {
        byte[] modules = moduleText.Length == 0 ? [] : [.. StartSentinel, .. Encoding.UTF8.GetBytes(moduleText), .. EndSentinel];
        var section = new MemoryStream();
        section.WriteByte(0xFF);
        section.Write(" Go buildinf:"u8);
        section.WriteByte(8);
        section.WriteByte(flags);
        section.Write(new byte[16]);
        WriteString(section, Encoding.UTF8.GetBytes(goVersion));
        WriteString(section, modules);
        return section.ToArray();
    }

    public static void WriteVarint(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }

    private static void WriteString(Stream stream, byte[] bytes)
    {
        WriteVarint(stream, (ulong)bytes.Length);
        stream.Write(bytes);
    }
}
