using System.Text;
using Geralt;

namespace Snapsight.Control.Identity;

/// <summary>
/// Argon2id through libsodium, at OWASP's parameters (19 MiB, two passes, one lane) unless stronger
/// ones are configured. The stored form is the encoded string with the parameters and salt in it,
/// so raising the parameters later rehashes each password at its owner's next sign-in. At most a
/// few hashes run at once (each takes its 19 MiB), so no burst of sign-ins can exhaust memory;
/// the rest wait their turn.
/// </summary>
public sealed class PasswordHasher : IDisposable
{
    private readonly PasswordHashing parameters;
    private readonly SemaphoreSlim gate = new(Math.Max(2, 2 * Environment.ProcessorCount));
    private readonly Lazy<string> decoyHash;

    public PasswordHasher(PasswordHashing parameters)
    {
        this.parameters = parameters;
        // Made with this instance's own parameters, so an unknown name costs what a known one does.
        decoyHash = new Lazy<string>(() => Compute("decoy password"));
    }

    public async Task<string> HashAsync(string password, CancellationToken ct)
    {
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return Compute(password);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<bool> VerifyAsync(string encodedHash, string password, CancellationToken ct)
    {
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return Check(encodedHash, password);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Spends the time of one verification, so an unknown user name answers as slowly as a known one.</summary>
    public Task VerifyDecoyAsync(string password, CancellationToken ct) => VerifyAsync(decoyHash.Value, password, ct);

    public bool NeedsRehash(string encodedHash) =>
        Argon2id.NeedsRehash(Padded(encodedHash), parameters.Iterations, parameters.MemoryBytes);

    public void Dispose() => gate.Dispose();

    private string Compute(string password)
    {
        var encoded = new char[Argon2id.HashSize];
        Argon2id.ComputeHash(encoded, Encoding.UTF8.GetBytes(password), parameters.Iterations, parameters.MemoryBytes);
        return new string(encoded).TrimEnd('\0');
    }

    private static bool Check(string encodedHash, string password) =>
        encodedHash.StartsWith("$argon2id$", StringComparison.Ordinal)
        && Argon2id.VerifyHash(Padded(encodedHash), Encoding.UTF8.GetBytes(password));

    private static char[] Padded(string encodedHash)
    {
        // libsodium reads the encoded hash as a NUL-terminated string of at most HashSize characters.
        var buffer = new char[Argon2id.HashSize];
        encodedHash.AsSpan(0, Math.Min(encodedHash.Length, buffer.Length - 1)).CopyTo(buffer);
        return buffer;
    }
}
