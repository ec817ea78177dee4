using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Languages.Gems;

/// <summary>
/// Installed Ruby gems: the specification RubyGems writes for each one it installs, in a
/// "specifications" folder of a gem directory (…/gems/3.1.0/specifications/rack-2.2.22.gemspec,
/// Debian's /usr/share/rubygems-integration/all/specifications/, Bundler's
/// vendor/bundle/ruby/3.1.0/specifications/), and Ruby's default gems in "specifications/default".
/// A gem's own source gemspec (gems/rack-2.2.22/rack.gemspec) is code, not a record, and is not read.
/// </summary>
internal sealed class GemCataloguer : ManifestFileCataloguer
{
    public override string Id => "gem";

    /// <summary>Default gems list every file of the gem on one line; the largest real ones are under 100 KiB.</summary>
    protected override long MaxBytes => 1L << 20;

    public override bool Wants(TreeEntry file)
    {
        if (!file.Path.EndsWith(".gemspec", StringComparison.Ordinal))
        {
            return false;
        }

        var folder = TreePath.Parent(file.Path);
        var folderName = TreePath.FileName(folder);
        return folderName == "specifications"
            || (folderName == "default" && TreePath.FileName(TreePath.Parent(folder)) == "specifications");
    }

    protected override PackageDatabaseParseResult Parse(ReadOnlyMemory<byte> manifest, string location) =>
        GemspecParser.Parse(manifest.Span, location);
}
