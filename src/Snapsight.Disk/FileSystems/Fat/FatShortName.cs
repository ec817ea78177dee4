using L = Snapsight.Disk.FileSystems.Fat.FatDirectoryEntryLayout;

namespace Snapsight.Disk.FileSystems.Fat;

/// <summary>
/// Decodes 8.3 names (specification section 6.1). Short names are in an OEM code page that the
/// volume does not record; Linux mounts with code page 437 unless told otherwise, so we decode
/// with 437 too, and the names match what a default mount shows.
/// </summary>
internal static class FatShortName
{
    /// <summary>Code page 437, bytes 0x80-0xFF (bytes below 0x80 are ASCII).</summary>
    private const string CodePage437High =
        "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00A0";

    /// <summary>
    /// "NAME    EXT" becomes "NAME.EXT" (or "NAME" with a blank extension), lowercased where the
    /// DIR_NTRes case bits say so, with a leading 0x05 restored to 0xE5.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> name11, byte ntFlags)
    {
        var baseName = Text(name11[..L.BaseNameLength], (ntFlags & L.NtLowercaseBase) != 0, restoreE5: true);
        var extension = Text(name11[L.BaseNameLength..L.NameLength], (ntFlags & L.NtLowercaseExtension) != 0, restoreE5: false);
        return extension.Length == 0 ? baseName : $"{baseName}.{extension}";
    }

    /// <summary>A volume label (boot sector or root directory): trailing blanks trimmed; "NO NAME" means none.</summary>
    public static string? DecodeLabel(ReadOnlySpan<byte> label11)
    {
        var text = Text(label11, lowercase: false, restoreE5: true);
        return text.Length == 0 || text == "NO NAME" ? null : text;
    }

    /// <summary>The checksum every long-name entry repeats (specification section 7.2): rotate right, add.</summary>
    public static byte Checksum(ReadOnlySpan<byte> name11)
    {
        byte sum = 0;
        foreach (var b in name11[..L.NameLength])
        {
            sum = (byte)((((sum & 1) << 7) | (sum >> 1)) + b);
        }

        return sum;
    }

    private static string Text(ReadOnlySpan<byte> field, bool lowercase, bool restoreE5)
    {
        var length = field.Length;
        while (length > 0 && field[length - 1] == (byte)' ')
        {
            length--;
        }

        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            var b = field[i];
            if (i == 0 && restoreE5 && b == L.EscapedE5)
            {
                b = L.Deleted;
            }

            var c = b < 0x80 ? (char)b : CodePage437High[b - 0x80];
            chars[i] = lowercase && c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
        }

        return new string(chars);
    }
}
