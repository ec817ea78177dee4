namespace Snapsight.Control.Identity;

/// <summary>Argon2id cost parameters. OWASP's password storage cheat sheet moves; re-check them each release.</summary>
public sealed record PasswordHashing(int Iterations, int MemoryBytes)
{
    /// <summary>OWASP's minimum for Argon2id: m = 19 MiB, t = 2, p = 1 (libsodium uses one lane).</summary>
    public static PasswordHashing Owasp { get; } = new(2, 19 * 1024 * 1024);
}
