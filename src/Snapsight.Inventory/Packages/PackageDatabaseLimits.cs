namespace Snapsight.Inventory.Packages;

/// <summary>
/// The bounds a text package database is read within. Real databases stay far below them
/// (a Debian desktop's status file is a few MiB, its longest field a few KiB); an input past
/// any of them is hostile or corrupt, so parsing stops there with a problem and the packages
/// read so far. Tests lower them to reach each bound with small inputs.
/// </summary>
internal sealed record PackageDatabaseLimits
{
    public static PackageDatabaseLimits Default { get; } = new();

    public int MaxLineBytes { get; init; } = 1 << 20;

    /// <summary>A field with all its continuation lines.</summary>
    public int MaxFieldBytes { get; init; } = 1 << 20;

    public long MaxTotalBytes { get; init; } = 256L << 20;

    /// <summary>Paragraphs (dpkg) or records (apk), empty ones not counted.</summary>
    public int MaxRecords { get; init; } = 1_000_000;

    /// <summary>Problems kept per file, so that a million bad records cannot make a million messages.</summary>
    public int MaxProblems { get; init; } = 100;
}
