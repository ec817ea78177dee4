using System.Numerics;

namespace Snapsight.Disk.FileSystems.Ext4;

/// <summary>
/// The htree name hashes (Documentation/filesystems/ext4/directory.rst, "Hash Tree Directories";
/// the kernel's fs/ext4/hash.c): legacy, half-MD4 and TEA, each in a signed-char and an
/// unsigned-char flavour (versions 0–2 and 3–5). Only the major hash is needed to find a leaf.
/// SipHash (version 6, encrypted casefolded directories) is not implemented: callers scan those.
/// </summary>
internal static class Ext4DirectoryHash
{
    public const int Legacy = 0, HalfMd4 = 1, Tea = 2, LegacyUnsigned = 3, HalfMd4Unsigned = 4, TeaUnsigned = 5;

    /// <summary>The major hash of <paramref name="name"/>, low bit clear, or null for a version we do not know.</summary>
    public static uint? Major(ReadOnlySpan<byte> name, int version, ReadOnlySpan<uint> seed)
    {
        // The default state is MD4's initial vector; a non-zero s_hash_seed replaces it.
        Span<uint> state = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476];
        if (seed.Length == 4 && seed.IndexOfAnyExcept(0u) >= 0)
        {
            seed.CopyTo(state);
        }

        var unsigned = version >= LegacyUnsigned;
        uint hash;
        switch (version)
        {
            case Legacy or LegacyUnsigned:
                hash = LegacyHash(name, unsigned);
                break;
            case HalfMd4 or HalfMd4Unsigned:
                Span<uint> md4Input = stackalloc uint[8];
                for (var at = 0; at < name.Length; at += 32)
                {
                    Pack(name[at..], unsigned, md4Input);
                    HalfMd4Transform(state, md4Input);
                }

                hash = state[1];
                break;
            case Tea or TeaUnsigned:
                Span<uint> teaInput = stackalloc uint[4];
                for (var at = 0; at < name.Length; at += 16)
                {
                    Pack(name[at..], unsigned, teaInput);
                    TeaTransform(state, teaInput);
                }

                hash = state[0];
                break;
            default:
                return null;
        }

        // The top value is reserved as the end-of-directory marker (EXT4_HTREE_EOF_32BIT << 1).
        hash &= ~1u;
        return hash == 0x7FFFFFFFu << 1 ? (0x7FFFFFFFu - 1) << 1 : hash;
    }

    private static uint LegacyHash(ReadOnlySpan<byte> name, bool unsigned)
    {
        uint previous = 0x37ABE8F9, current = 0x12A3FE2D;
        foreach (var b in name)
        {
            var c = unsigned ? b : (uint)(sbyte)b;
            var next = previous + (current ^ (c * 7152373));
            if ((next & 0x80000000) != 0)
            {
                next -= 0x7FFFFFFF;
            }

            previous = current;
            current = next;
        }

        return current << 1;
    }

    /// <summary>
    /// Packs up to 4 × words.Length bytes big-end-first into 32-bit words, padding with the length
    /// repeated in every byte (the kernel's str2hashbuf); characters are sign-extended in the signed flavour.
    /// </summary>
    private static void Pack(ReadOnlySpan<byte> rest, bool unsigned, Span<uint> words)
    {
        var pad = (uint)rest.Length | ((uint)rest.Length << 8);
        pad |= pad << 16;
        var length = Math.Min(rest.Length, words.Length * 4);
        var value = pad;
        var word = 0;
        for (var i = 0; i < length; i++)
        {
            var c = unsigned ? rest[i] : (uint)(sbyte)rest[i];
            value = c + (value << 8);
            if (i % 4 == 3)
            {
                words[word++] = value;
                value = pad;
            }
        }

        if (word < words.Length && length % 4 != 0)
        {
            words[word++] = value;
        }

        words[word..].Fill(pad);
    }

    private static void HalfMd4Transform(Span<uint> state, ReadOnlySpan<uint> x)
    {
        const uint K2 = 0x5A827999, K3 = 0x6ED9EBA1; // octal 013240474631 and 015666365641 in hash.c
        uint a = state[0], b = state[1], c = state[2], d = state[3];

        a = BitOperations.RotateLeft(a + F(b, c, d) + x[0], 3);
        d = BitOperations.RotateLeft(d + F(a, b, c) + x[1], 7);
        c = BitOperations.RotateLeft(c + F(d, a, b) + x[2], 11);
        b = BitOperations.RotateLeft(b + F(c, d, a) + x[3], 19);
        a = BitOperations.RotateLeft(a + F(b, c, d) + x[4], 3);
        d = BitOperations.RotateLeft(d + F(a, b, c) + x[5], 7);
        c = BitOperations.RotateLeft(c + F(d, a, b) + x[6], 11);
        b = BitOperations.RotateLeft(b + F(c, d, a) + x[7], 19);

        a = BitOperations.RotateLeft(a + G(b, c, d) + x[1] + K2, 3);
        d = BitOperations.RotateLeft(d + G(a, b, c) + x[3] + K2, 5);
        c = BitOperations.RotateLeft(c + G(d, a, b) + x[5] + K2, 9);
        b = BitOperations.RotateLeft(b + G(c, d, a) + x[7] + K2, 13);
        a = BitOperations.RotateLeft(a + G(b, c, d) + x[0] + K2, 3);
        d = BitOperations.RotateLeft(d + G(a, b, c) + x[2] + K2, 5);
        c = BitOperations.RotateLeft(c + G(d, a, b) + x[4] + K2, 9);
        b = BitOperations.RotateLeft(b + G(c, d, a) + x[6] + K2, 13);

        a = BitOperations.RotateLeft(a + H(b, c, d) + x[3] + K3, 3);
        d = BitOperations.RotateLeft(d + H(a, b, c) + x[7] + K3, 9);
        c = BitOperations.RotateLeft(c + H(d, a, b) + x[2] + K3, 11);
        b = BitOperations.RotateLeft(b + H(c, d, a) + x[6] + K3, 15);
        a = BitOperations.RotateLeft(a + H(b, c, d) + x[1] + K3, 3);
        d = BitOperations.RotateLeft(d + H(a, b, c) + x[5] + K3, 9);
        c = BitOperations.RotateLeft(c + H(d, a, b) + x[0] + K3, 11);
        b = BitOperations.RotateLeft(b + H(c, d, a) + x[4] + K3, 15);

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;

        static uint F(uint x, uint y, uint z) => z ^ (x & (y ^ z));
        static uint G(uint x, uint y, uint z) => (x & y) + ((x ^ y) & z);
        static uint H(uint x, uint y, uint z) => x ^ y ^ z;
    }

    private static void TeaTransform(Span<uint> state, ReadOnlySpan<uint> key)
    {
        const uint Delta = 0x9E3779B9;
        uint sum = 0, b0 = state[0], b1 = state[1];
        for (var round = 0; round < 16; round++)
        {
            sum += Delta;
            b0 += ((b1 << 4) + key[0]) ^ (b1 + sum) ^ ((b1 >> 5) + key[1]);
            b1 += ((b0 << 4) + key[2]) ^ (b0 + sum) ^ ((b0 >> 5) + key[3]);
        }

        state[0] += b0;
        state[1] += b1;
    }
}
