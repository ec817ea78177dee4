using Snapsight.Disk.Tests.Support;

namespace Snapsight.Inventory.Tests.Languages;

/// <summary>
/// The real language-package trees built by <c>tests/images/build-language-fixtures</c> (apt,
/// npm; cached between runs), each a folder that stands for the root of a machine.
/// </summary>
internal static class LanguageFixtures
{
    private static readonly FixtureScript Script = new("build-language-fixtures");

    /// <summary>A fixture's folder, such as "python-root" or "npm-app".</summary>
    public static string Path(string name) => System.IO.Path.Combine(Script.Folder, name);
}
