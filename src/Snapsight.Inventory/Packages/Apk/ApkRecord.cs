using System.Text;

namespace Snapsight.Inventory.Packages.Apk;

/// <summary>
/// The fields of one record of apk's <c>lib/apk/db/installed</c> that a package needs
/// (<c>P:</c> name, <c>V:</c> version, <c>A:</c> arch, <c>o:</c> origin, <c>L:</c> licence),
/// gathered line by line and turned into an <see cref="InstalledPackage"/>. File lists,
/// checksums and the rest are never decoded. Reused from record to record.
/// </summary>
internal sealed class ApkRecord
{
    private string? name;
    private string? version;
    private string? arch;
    private string? origin;
    private string? licence;
    private string? brokenBecause;

    public bool IsEmpty => StartLine == 0;

    public int StartLine { get; private set; }

    public bool HasName => name is not null;

    public void Start(int lineNumber)
    {
        name = version = arch = origin = licence = brokenBecause = null;
        StartLine = lineNumber;
    }

    public void Clear() => StartLine = 0;

    public void MarkBroken(string reason) => brokenBecause ??= reason;

    /// <summary>Takes one "K:value" line; keys are single letters and case-sensitive (apk's "o" is origin, "O" is not).</summary>
    public void SetField(byte key, ReadOnlySpan<byte> value)
    {
        switch (key)
        {
            case (byte)'P': name = Decode(value); break;
            case (byte)'V': version = Decode(value); break;
            case (byte)'A': arch = Decode(value); break;
            case (byte)'o': origin = Decode(value); break;
            case (byte)'L': licence = Decode(value); break;
            default: break;
        }
    }

    /// <summary>
    /// The package, or null with a problem recorded: apk itself drops a record without a name
    /// or a version, and so do we.
    /// </summary>
    public InstalledPackage? ToPackage(string location, ParseProblems problems)
    {
        if (brokenBecause is not null)
        {
            problems.Add(StartLine, $"record skipped: {brokenBecause}");
            return null;
        }

        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
        {
            var which = string.IsNullOrEmpty(name) ? "name (P:)" : $"version (V:) for '{name}'";
            problems.Add(StartLine, $"record has no {which}; skipped");
            return null;
        }

        // A subpackage is built from its origin's APKBUILD in the same run, so it carries the
        // origin's version; a record without o: is its own origin.
        return new InstalledPackage
        {
            Type = "apk",
            Name = name,
            Version = version,
            Arch = string.IsNullOrEmpty(arch) ? null : arch,
            SourceName = string.IsNullOrEmpty(origin) ? name : origin,
            SourceVersion = version,
            Licence = string.IsNullOrEmpty(licence) ? null : licence,
            Location = location,
        };
    }

    private static string Decode(ReadOnlySpan<byte> value) => Encoding.UTF8.GetString(value.Trim(" \t"u8));
}
