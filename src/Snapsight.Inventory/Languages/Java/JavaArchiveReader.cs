using System.IO.Compression;
using Snapsight.Disk;
using Snapsight.Disk.Checksums;
using Snapsight.Inventory.Analyzers;
using Snapsight.Inventory.Packages;

namespace Snapsight.Inventory.Languages.Java;

/// <summary>
/// Reads one top-level Java archive and the archives nested in it (a WAR's WEB-INF/lib, an
/// EAR's modules, a Spring Boot jar's BOOT-INF/lib), holding all of them to one set of
/// <see cref="JavaArchiveLimits"/> and one inflation budget. Every damaged or refused part is
/// a gap naming it ("/srv/app.war!/WEB-INF/lib/x.jar"); the rest is still read.
/// </summary>
internal sealed class JavaArchiveReader
{
    private const string ManifestName = "META-INF/MANIFEST.MF";

    private readonly JavaArchiveLimits limits;
    private readonly List<InstalledPackage> packages = [];
    private readonly List<InventoryGap> gaps = [];
    private long inflatedBytes;
    private int gapsNotListed;

    private JavaArchiveReader(JavaArchiveLimits limits) => this.limits = limits;

    /// <summary>Reads a seekable stream holding the archive at <paramref name="location"/>; never throws but for cancellation.</summary>
    public static async Task<AnalyzerOutput> ReadAsync(Stream archive, string location, JavaArchiveLimits limits, CancellationToken cancellationToken)
    {
        var reader = new JavaArchiveReader(limits);
        await reader.ReadArchiveAsync(archive, location, depth: 0, cancellationToken).ConfigureAwait(false);
        if (reader.gapsNotListed > 0)
        {
            reader.gaps.Add(new InventoryGap(location, $"{reader.gapsNotListed} more problems inside this archive are not listed"));
        }

        return new AnalyzerOutput(reader.packages, reader.gaps);
    }

    /// <summary>What reading an archive can meet besides cancellation: damage (zip and inflation errors, short reads) or our own refusals.</summary>
    public static bool IsDamage(Exception e) => e is InvalidDataException or IOException or NotSupportedException;

    private async Task ReadArchiveAsync(Stream archive, string location, int depth, CancellationToken cancellationToken)
    {
        long start;
        try
        {
            start = await ZipCentralDirectoryCensus.CheckAsync(archive, limits, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDamage(e))
        {
            AddGap(location, e.Message);
            return;
        }

        if (start == 0)
        {
            await ReadZipAsync(archive, location, depth, cancellationToken).ConfigureAwait(false);
            return;
        }

        var window = new ArchiveWindowStream(archive, start);
        await using (window.ConfigureAwait(false))
        {
            await ReadZipAsync(window, location, depth, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReadZipAsync(Stream archive, string location, int depth, CancellationToken cancellationToken)
    {
        var zip = await OpenAsync(archive, location, cancellationToken).ConfigureAwait(false);
        if (zip is null)
        {
            return;
        }

        await using (zip.ConfigureAwait(false))
        {
            var found = new List<InstalledPackage>();
            ZipArchiveEntry? manifest = null;
            var nested = new List<ZipArchiveEntry>();
            foreach (var entry in zip.Entries)
            {
                if (IsPomProperties(entry.FullName))
                {
                    if (await ReadMetadataAsync(entry, location, cancellationToken).ConfigureAwait(false) is { } pom
                        && JavaPackageEvidence.FromPomProperties(PomProperties.Parse(pom), location) is { } package)
                    {
                        found.Add(package);
                    }
                }
                else if (entry.FullName.Equals(ManifestName, StringComparison.OrdinalIgnoreCase))
                {
                    manifest ??= entry;
                }
                else if (JavaArchiveNames.IsArchive(entry.FullName))
                {
                    nested.Add(entry);
                }
            }

            if (found.Count == 0 && manifest is not null
                && await ReadMetadataAsync(manifest, location, cancellationToken).ConfigureAwait(false) is { } text
                && JavaPackageEvidence.FromManifest(JarManifest.ParseMainAttributes(text), location) is { } fromManifest)
            {
                found.Add(fromManifest);
            }

            if (found.Count == 0 && JavaPackageEvidence.FromFileName(JavaArchiveNames.FileName(location), location) is { } fromFileName)
            {
                found.Add(fromFileName);
            }

            // Duplicate entry names repeat a pom.properties; the package is the same one.
            packages.AddRange(found.DistinctBy(p => (p.Name, p.Version)));
            foreach (var entry in nested)
            {
                await ReadNestedAsync(entry, $"{location}!/{entry.FullName}", depth + 1, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The archive with its central directory read (ZipArchive reads it on the first look at its entries), or null and a gap.</summary>
    private async Task<ZipArchive?> OpenAsync(Stream archive, string location, CancellationToken cancellationToken)
    {
        ZipArchive? zip = null;
        try
        {
            zip = await ZipArchive.CreateAsync(archive, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken).ConfigureAwait(false);
            _ = zip.Entries.Count;
            return zip;
        }
        catch (Exception e) when (IsDamage(e))
        {
            if (zip is not null)
            {
                await zip.DisposeAsync().ConfigureAwait(false);
            }

            AddGap(location, e.Message);
            return null;
        }
    }

    private async Task ReadNestedAsync(ZipArchiveEntry entry, string location, int depth, CancellationToken cancellationToken)
    {
        if (depth > limits.MaxDepth)
        {
            AddGap(location, $"nested more than {limits.MaxDepth} archives deep: not read");
            return;
        }

        if (await TryReadEntryAsync(entry, limits.MaxNestedArchiveBytes, location, cancellationToken).ConfigureAwait(false) is { } bytes)
        {
            using var archive = new MemoryStream(bytes, writable: false);
            await ReadArchiveAsync(archive, location, depth, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<byte[]?> ReadMetadataAsync(ZipArchiveEntry entry, string location, CancellationToken cancellationToken) =>
        TryReadEntryAsync(entry, limits.MaxMetadataBytes, $"{location}!/{entry.FullName}", cancellationToken);

    private async Task<byte[]?> TryReadEntryAsync(ZipArchiveEntry entry, long maxBytes, string where, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadEntryAsync(entry, maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDamage(e))
        {
            AddGap(where, e.Message);
            return null;
        }
    }

    /// <summary>
    /// The entry's bytes, refused before inflating when its declared size is over
    /// <paramref name="maxBytes"/>, its ratio says bomb, or it would overrun the archive's
    /// budget; and refused while inflating when the data runs past the declared size, since
    /// the central directory can lie; and refused after, when it fails its CRC-32.
    /// </summary>
    private async Task<byte[]> ReadEntryAsync(ZipArchiveEntry entry, long maxBytes, CancellationToken cancellationToken)
    {
        var declared = entry.Length;
        if (declared < 0 || entry.CompressedLength < 0)
        {
            throw new DiskFormatException("java", "zip entry", 0, $"{entry.FullName} declares a negative size");
        }

        if (declared > maxBytes)
        {
            throw new InventoryLimitException($"declares {declared} bytes uncompressed, over the {maxBytes}-byte limit for it: not read");
        }

        if (declared > limits.RatioExemptBytes && declared / Math.Max(entry.CompressedLength, 1) > limits.MaxCompressionRatio)
        {
            throw new InventoryLimitException($"declares {declared} bytes from {entry.CompressedLength} compressed, over the {limits.MaxCompressionRatio}:1 ratio allowed: not read");
        }

        if (declared > limits.MaxInflatedBytes - inflatedBytes)
        {
            throw new InventoryLimitException($"inflating its {declared} bytes would pass the {limits.MaxInflatedBytes}-byte budget of the top-level archive: not read");
        }

        inflatedBytes += declared;
        var bytes = new byte[declared];
        var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            if (await stream.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) != 0)
            {
                throw new DiskFormatException("java", "zip entry", 0, $"inflates past the {declared} bytes its header declares");
            }
        }

        // ZipArchive does not check the CRC-32 of what it inflates (it did not in .NET 10); damage must not pass for data.
        if (Crc32.Ieee(bytes) != entry.Crc32)
        {
            throw new DiskFormatException("java", "zip entry", 0, $"its data fails the CRC-32 {entry.Crc32:x8} its header records");
        }

        return bytes;
    }

    /// <summary>META-INF/maven/&lt;group&gt;/&lt;artifact&gt;/pom.properties, the file Maven writes into every jar it builds.</summary>
    private static bool IsPomProperties(string name) =>
        name.StartsWith("META-INF/maven/", StringComparison.Ordinal)
        && name.EndsWith("/pom.properties", StringComparison.Ordinal)
        && name.AsSpan("META-INF/maven/".Length).Count('/') == 2;

    private void AddGap(string where, string reason)
    {
        if (gaps.Count < limits.MaxGaps)
        {
            gaps.Add(new InventoryGap(where, reason));
        }
        else
        {
            gapsNotListed++;
        }
    }
}
