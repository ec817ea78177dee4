using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Snapsight.Control.Identity;

/// <summary>
/// The server's secret for signing access tokens: 256 random bits (RFC 8725 §3.5), kept in a file
/// only its owner may read. Every server process that shares a database must be given the same file.
/// </summary>
public sealed class SigningKey
{
    private const int KeyBytes = 32;

    private SigningKey(byte[] key) => SecurityKey = new SymmetricSecurityKey(key);

    public SymmetricSecurityKey SecurityKey { get; }

    /// <summary>Reads the key file, creating it with a fresh key the first time.</summary>
    public static SigningKey LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Create(path);
        }

        var key = File.ReadAllBytes(path);
        if (key.Length != KeyBytes)
        {
            throw new InvalidDataException($"The signing key file {path} must hold exactly {KeyBytes} bytes.");
        }

        return new SigningKey(key);
    }

    /// <summary>
    /// Writes the key beside its place and moves it in without overwriting, so no process ever reads
    /// a half-written key, and when two start at once the first key stays and both use it.
    /// </summary>
    private static void Create(string path)
    {
        var partial = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var file = new FileStream(partial, options))
            {
                file.Write(RandomNumberGenerator.GetBytes(KeyBytes));
                file.Flush(flushToDisk: true);
            }

            File.Move(partial, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process put its key in place first: use theirs.
        }
        finally
        {
            File.Delete(partial);
        }
    }
}
