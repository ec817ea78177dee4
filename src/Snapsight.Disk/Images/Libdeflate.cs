using System.Reflection;
using System.Runtime.InteropServices;

namespace Snapsight.Disk.Images;

/// <summary>
/// libdeflate's whole-buffer decompressors. A compressed image's unit is one complete deflate
/// stream of known bounds, the case libdeflate is built for: it inflates the units of a directory
/// walk about 1.5 times as fast as zlib-ng behind <see cref="System.IO.Compression.ZLibStream"/>
/// (docs/performance.md). Native AOT links the static library into the executable (DirectPInvoke in
/// Snapsight.Cli); everywhere else the shared library of Debian's libdeflate0 is loaded.
/// </summary>
internal static partial class Libdeflate
{
    private const string Library = "libdeflate";

    /// <summary>The runtime library's file name: the unversioned name exists only with the development package.</summary>
    private const string SharedLibrary = "libdeflate.so.0";

    static Libdeflate() =>
        NativeLibrary.SetDllImportResolver(typeof(Libdeflate).Assembly, (name, assembly, searchPath) =>
            name == Library && NativeLibrary.TryLoad(SharedLibrary, assembly, searchPath, out var handle) ? handle : IntPtr.Zero);

    public enum Result
    {
        Success = 0,
        BadData = 1,
        ShortOutput = 2,
        InsufficientSpace = 3,
    }

    /// <summary>
    /// Inflates <paramref name="compressed"/>, which holds one whole stream (bytes after its end are
    /// ignored), into <paramref name="output"/>; never writes past it. On failure the output's
    /// contents are undefined.
    /// </summary>
    public static unsafe Result Inflate(ReadOnlySpan<byte> compressed, Span<byte> output, bool zlibWrapped, out int produced)
    {
        IntPtr decompressor;
        try
        {
            decompressor = AllocDecompressor();
        }
        catch (DllNotFoundException e)
        {
            throw new DllNotFoundException($"reading compressed images needs {SharedLibrary} (Debian's package libdeflate0)", e);
        }


        if (decompressor == IntPtr.Zero)
        {
            throw new InvalidOperationException("libdeflate could not allocate a decompressor: out of memory");
        }

        try
        {
            nuint written;
            Result result;
            fixed (byte* input = compressed)
            fixed (byte* into = output)
            {
                result = zlibWrapped
                    ? ZlibDecompress(decompressor, input, (nuint)compressed.Length, into, (nuint)output.Length, &written)
                    : DeflateDecompress(decompressor, input, (nuint)compressed.Length, into, (nuint)output.Length, &written);
            }

            produced = result == Result.Success ? (int)written : 0;
            return result;
        }
        finally
        {
            FreeDecompressor(decompressor);
        }
    }

    [LibraryImport(Library, EntryPoint = "libdeflate_alloc_decompressor")]
    private static partial IntPtr AllocDecompressor();

    [LibraryImport(Library, EntryPoint = "libdeflate_free_decompressor")]
    private static partial void FreeDecompressor(IntPtr decompressor);

    [LibraryImport(Library, EntryPoint = "libdeflate_zlib_decompress")]
    private static unsafe partial Result ZlibDecompress(IntPtr decompressor, byte* input, nuint inputLength, byte* output, nuint outputLength, nuint* written);

    [LibraryImport(Library, EntryPoint = "libdeflate_deflate_decompress")]
    private static unsafe partial Result DeflateDecompress(IntPtr decompressor, byte* input, nuint inputLength, byte* output, nuint outputLength, nuint* written);
}
