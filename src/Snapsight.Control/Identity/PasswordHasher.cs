using System.Text;
using Geralt;

namespace Snapsight.Control.Identity;

/// <summary>
/// Argon2id through libsodium, at OWASP's parameters (19 MiB, two passes, one lane) unless stronger
/// ones are configured. The stored form is the encoded string with the parameters and salt in it,
/// so raising the parameters later rehashes each password at its owner's next sign-in.
/// </summary>
public sealed class PasswordHasher(PasswordHashing parameters)
{
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher(PasswordHashing.Owasp).Hash("decoy password"));

    public string Hash(string password)
    {
        var encoded = new char[Argon2id.HashSize];
        Argon2id.ComputeHash(encoded, Encoding.UTF8.GetBytes(password), parameters.Iterations, parameters.MemoryBytes);
        return new string(encoded).TrimEnd('\0');
    }

    public static bool Verify(string encodedHash, string password) =>
        encodedHash.StartsWith("$argon2id$", StringComparison.Ordinal)
        && Argon2id.VerifyHash(Padded(encodedHash), Encoding.UTF8.GetBytes(password));

    /// <summary>Spends the time of one verification, so an unknown user name answers as slowly as a known one.</summary>
    public static void VerifyDecoy(string password) => Verify(DecoyHash.Value, password);

    public bool NeedsRehash(string encodedHash) =>
        Argon2id.NeedsRehash(Padded(encodedHash), parameters.Iterations, parameters.MemoryBytes);

    private static char[] Padded(string encodedHash)
    {
        // libsodium reads the encoded hash as a NUL-terminated string of at most HashSize characters.
        var buffer = new char[Argon2id.HashSize];
        encodedHash.AsSpan(0, Math.Min(encodedHash.Length, buffer.Length - 1)).CopyTo(buffer);
        return buffer;
    }
}
