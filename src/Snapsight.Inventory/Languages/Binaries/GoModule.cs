namespace Snapsight.Inventory.Languages.Binaries;

/// <summary>One "mod" or "dep" line of Go's module information, with the "=>" line that replaced it, if any.</summary>
internal sealed record GoModule(string Path, string Version, GoModule? Replacement = null)
{
    /// <summary>What a module built from a directory (the main module, a replacement by a path) has instead of a version.</summary>
    public const string DevelopmentVersion = "(devel)";

    /// <summary>
    /// The module whose code was built: the replacement when it is a module with a version (as
    /// <c>go version -m</c> shows it after "=>"); a replacement by a local directory has no
    /// version, so the module stays named as it was required.
    /// </summary>
    public GoModule Built => Replacement is { Version: not ("" or DevelopmentVersion) } replacement ? replacement : this;

    /// <summary>A version an advisory can be matched against.</summary>
    public bool HasVersion => Version is not ("" or DevelopmentVersion);
}
