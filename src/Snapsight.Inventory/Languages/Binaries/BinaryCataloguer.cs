using Snapsight.Disk;
using Snapsight.Disk.FileSystems;
using Snapsight.Inventory.Analyzers;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Languages.Binaries;

/// <summary>
/// Executables that say what they were built from: Go's build information (the toolchain and
/// every module, type "go") and Rust's <c>cargo auditable</c> list (type "cargo"). Only ELF
/// headers, the section tables and those two sections are read, never whole files.
/// </summary>
internal sealed class BinaryCataloguer : ILanguageCataloguer
{
    /// <summary>Smaller files cannot hold a Go or Rust program.</summary>
    public const long MinBytes = 1024;

    /// <summary>Bigger files are left alone: no program of ours to read is that large, and a disk image or database might be.</summary>
    public const long MaxBytes = 1L << 30;

    private const int AnyExecuteBit = 0x49; // 0o111

    public string Id => "binary";

    public bool Wants(TreeEntry file) =>
        file.Node.Type == FileType.File && (file.Node.Permissions & AnyExecuteBit) != 0 && file.Node.Size is >= MinBytes and <= MaxBytes;

    public async Task<AnalyzerOutput> ReadAsync(FileTree tree, TreeEntry file, CancellationToken cancellationToken)
    {
        var stream = await file.FileSystem.OpenReadAsync(file.Node.Id, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadAsync(stream, file.Node.Size, file.Path, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The packages one binary records; <paramref name="location"/> names it in packages and gaps.</summary>
    public static async Task<AnalyzerOutput> ReadAsync(Stream stream, long length, string location, CancellationToken cancellationToken)
    {
        var packages = new List<InstalledPackage>();
        var gaps = new List<InventoryGap>();
        try
        {
            var elf = await ElfFile.OpenAsync(stream, length, cancellationToken).ConfigureAwait(false);
            if (elf is null)
            {
                return AnalyzerOutput.Nothing;
            }

            if (elf.Find(".go.buildinfo"u8) is { } go)
            {
                await ReadPartAsync("go build info", () => ReadGoAsync(elf, go, location, packages, gaps, cancellationToken)).ConfigureAwait(false);
            }

            if (elf.Find(".dep-v0"u8) is { } cargo)
            {
                await ReadPartAsync("cargo auditable data", () => ReadCargoAsync(elf, cargo, location, packages, gaps, cancellationToken)).ConfigureAwait(false);
            }
        }
        catch (DiskFormatException e)
        {
            gaps.Add(new InventoryGap(location, $"binary: {e.Problem}"));
        }

        return new AnalyzerOutput(packages, gaps);

        // Damage in one part costs that part: a broken Go section leaves the cargo list readable.
        async Task ReadPartAsync(string part, Func<Task> read)
        {
            try
            {
                await read().ConfigureAwait(false);
            }
            catch (DiskFormatException e)
            {
                gaps.Add(new InventoryGap(location, $"binary: {part}: {e.Problem}"));
            }
        }
    }

    private static async Task ReadGoAsync(ElfFile elf, ElfSection section, string location, List<InstalledPackage> packages, List<InventoryGap> gaps, CancellationToken cancellationToken)
    {
        var info = await GoBuildInfo.ReadAsync(elf, section, cancellationToken).ConfigureAwait(false);
        packages.Add(Package("go", "stdlib", info.GoVersion, location));
        var modules = GoModuleInfo.Parse(info.ModuleInfo);
        foreach (var module in modules.Main is null ? modules.Dependencies : modules.Dependencies.Prepend(modules.Main))
        {
            var built = module.Built;
            if (built.HasVersion && built.Path.Length > 0)
            {
                packages.Add(Package("go", built.Path, built.Version, location));
            }
        }

        gaps.AddRange(modules.Problems.Select(problem => new InventoryGap(location, $"binary: go module information: {problem}")));
    }

    private static async Task ReadCargoAsync(ElfFile elf, ElfSection section, string location, List<InstalledPackage> packages, List<InventoryGap> gaps, CancellationToken cancellationToken)
    {
        if (section.Size > CargoAuditableData.MaxCompressedBytes)
        {
            throw new InventoryLimitException($"the section holds {section.Size} bytes, over the {CargoAuditableData.MaxCompressedBytes}-byte bound: not read");
        }

        var bytes = await elf.ReadAsync(section, CargoAuditableData.MaxCompressedBytes, cancellationToken).ConfigureAwait(false);
        var result = CargoAuditableData.Parse(bytes);

        // Build-time packages (build scripts, proc macros) run on the build machine; their code is not in the binary.
        packages.AddRange(result.Packages.Where(p => p.Kind != CargoPackage.BuildKind).Select(p => Package("cargo", p.Name, p.Version, location)));
        gaps.AddRange(result.Problems.Select(problem => new InventoryGap(location, $"binary: cargo auditable data: {problem}")));
    }

    private static InstalledPackage Package(string type, string name, string version, string location) =>
        new() { Type = type, Name = name, Version = version, Location = location };
}
