namespace Snapsight.Advisories.Versions;

/// <summary>A string that the named ecosystem does not accept as a version.</summary>
public sealed class VersionFormatException : FormatException
{
    public VersionFormatException()
    {
        Ecosystem = "";
        Version = "";
    }

    public VersionFormatException(string message)
        : base(message)
    {
        Ecosystem = "";
        Version = "";
    }

    public VersionFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Ecosystem = "";
        Version = "";
    }

    public VersionFormatException(string ecosystem, string version)
        : base($"not a {ecosystem} version: \"{Shorten(version)}\"")
    {
        Ecosystem = ecosystem;
        Version = version;
    }

    public string Ecosystem { get; }

    public string Version { get; }

    /// <summary>A hostile string can be megabytes long; the message names its start only.</summary>
    private static string Shorten(string version) => version.Length <= 64 ? version : string.Concat(version.AsSpan(0, 64), "…");
}
