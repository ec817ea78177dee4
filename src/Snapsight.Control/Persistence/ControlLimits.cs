namespace Snapsight.Control.Persistence;

/// <summary>Lengths the database and the API both hold text to.</summary>
public static class ControlLimits
{
    public const int NameLength = 128;
    public const int UsernameLength = 128;
    public const int AuditTextLength = 512;

    /// <summary>ASVS 6.2.9 asks for at least 64; beyond this a password only costs hashing time.</summary>
    public const int PasswordMaxLength = 256;

    /// <summary>ASVS 6.2.1.</summary>
    public const int PasswordMinLength = 12;
}
