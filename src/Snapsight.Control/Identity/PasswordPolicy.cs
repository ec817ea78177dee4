using Snapsight.Control.Persistence;

namespace Snapsight.Control.Identity;

/// <summary>What a new password must be (ASVS 6.2): long enough, not absurdly long, no forced composition.</summary>
public static class PasswordPolicy
{
    /// <summary>The reason the password is refused, or null when it is acceptable.</summary>
    public static string? Check(string password)
    {
        if (password.Length < ControlLimits.PasswordMinLength)
        {
            return $"a password needs at least {ControlLimits.PasswordMinLength} characters";
        }

        return password.Length > ControlLimits.PasswordMaxLength
            ? $"a password may have at most {ControlLimits.PasswordMaxLength} characters"
            : null;
    }
}
