using System.Reflection;

namespace Snapsight.Scanning;

/// <summary>The scanner's name and version as the reports and SBOMs give them.</summary>
public static class ScanTool
{
    /// <summary>The release alone: the build appends "+commit", and SPDX's "Tool: name-version" and CycloneDX's version both want it without.</summary>
    public static string Version { get; } =
        (typeof(ScanTool).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown").Split('+')[0];
}
