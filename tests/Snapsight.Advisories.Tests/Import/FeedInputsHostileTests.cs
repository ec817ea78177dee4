using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Snapsight.Advisories.Feeds;
using Snapsight.Advisories.Tests.Feeds;
using Snapsight.Advisories.Import;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Import;

/// <summary>Archives and folders no import should choke on: each is read or refused with a clear error within the hostile-input bar.</summary>
public sealed class FeedInputsHostileTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_truncated_tar_is_a_clear_error()
    {
        var path = Path.Combine(temp.Path, "cut.tar");
        using (var buffer = new MemoryStream())
        {
            using (var tar = new TarWriter(buffer, leaveOpen: true))
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, "a.json") { DataStream = new MemoryStream(new byte[5000]) };
                tar.WriteEntry(entry);
            }

            File.WriteAllBytes(path, buffer.ToArray()[..1200]);
        }

        Assert.NotNull(HostileInput.Run(ct => Drain(path, ct)));
    }

    [Fact]
    public void A_zip_with_a_broken_central_directory_is_a_clear_error()
    {
        var path = Path.Combine(temp.Path, "broken.zip");
        File.WriteAllBytes(path, [.. "PK\u0003\u0004"u8, .. new byte[200]]);
        Assert.IsType<FeedFormatException>(HostileInput.Run(ct => Drain(path, ct)));
    }

    [Fact]
    public void A_gzip_bomb_is_streamed_not_held_and_a_folder_deeper_than_the_cap_is_refused()
    {
        var bomb = Path.Combine(temp.Path, "bomb.json.gz");
        using (var file = File.Create(bomb))
        using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                gzip.Write(zeros);
            }
        }

        Assert.Null(HostileInput.Run(ct => Drain(bomb, ct)));

        var deep = temp.Path;
        for (var i = 0; i <= ImportLimits.MaxDirectoryDepth + 1; i++)
        {
            deep = Directory.CreateDirectory(Path.Combine(deep, "d")).FullName;
        }

        File.WriteAllText(Path.Combine(deep, "x.json"), "{}");
        Assert.IsType<FeedFormatException>(HostileInput.Run(ct => Drain(temp.Path, ct)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(100u)]
    public void A_zip_bomb_entry_is_refused_and_the_next_entry_still_read(uint? declaredSize)
    {
        var path = Path.Combine(temp.Path, "all.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using (var bomb = zip.CreateEntry("BOMB-1.json", CompressionLevel.SmallestSize).Open())
            {
                bomb.Write("""{"id":"BOMB-1","affected":[],"details":" """u8);
                var filler = new byte[1 << 20];
                Array.Fill(filler, (byte)'a');
                for (var i = 0; i < 256; i++)
                {
                    bomb.Write(filler);
                }
            }

            using var good = new StreamWriter(zip.CreateEntry("GOOD-1.json").Open());
            good.Write("""{"id":"GOOD-1","affected":[]}""");
        }

        if (declaredSize is { } lie)
        {
            CraftedArchives.DeclareFirstZipEntrySize(path, lie);
        }

        var sink = new CollectingFeedSink();
        var errors = new List<FeedFormatException>();
        Assert.Null(HostileInput.Run(ct =>
        {
            sink.Clear();
            errors.Clear();
            return ReadAll(path, sink, errors, ct);
        }));

        // An honest size is over the OSV record cap; a lying one is where .NET stops inflating, so the record reads as cut short.
        var refusals = errors.Select(e => (e.Structure, e.Problem)).Concat(sink.Skips).ToArray();
        var (where, reason) = Assert.Single(refusals);
        Assert.Equal(path + "!BOMB-1.json", where);
        Assert.Contains(declaredSize is null ? "larger than the 16777216-byte cap" : "BytePositionInLine: 100.", reason, StringComparison.Ordinal);
        Assert.Equal("GOOD-1", Assert.Single(sink.Advisories).Vulnerability.Id);
    }

    [Fact]
    public void A_tar_entry_claiming_a_terabyte_is_refused_unread_and_ends_the_archive()
    {
        var path = Path.Combine(temp.Path, "feed.tar.gz");
        var pax = Encoding.ASCII.GetBytes(CraftedArchives.PaxRecord("size", (1L << 40).ToString(CultureInfo.InvariantCulture)));
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(CraftedArchives.TarHeader("PaxHeaders/BIG-1.json", pax.Length, (byte)'x'));
            gzip.Write(CraftedArchives.Padded(pax));
            gzip.Write(CraftedArchives.TarHeader("BIG-1.json", 0, (byte)'0'));
            gzip.Write(CraftedArchives.Padded("""{"id":"BIG-1","affected":[]}"""u8.ToArray()));
        }

        var sink = new CollectingFeedSink();
        var error = HostileInput.Rejects(ct =>
        {
            sink.Clear();
            return ReadAll(path, sink, [], ct);
        });

        Assert.Equal("import", error.Layer);
        Assert.Equal(Path.Combine(temp.Path, "feed.tar!BIG-1.json"), error.Structure);
        Assert.Contains("declares 1099511627776 bytes", error.Problem, StringComparison.Ordinal);
        Assert.Empty(sink.Advisories);
    }

    [Fact]
    public void A_zip_entry_in_an_unknown_compression_method_and_a_gzip_damaged_at_its_start_are_clear_errors_naming_them()
    {
        var zipPath = Path.Combine(temp.Path, "odd.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            using var entry = new StreamWriter(zip.CreateEntry("ODD-1.json").Open());
            entry.Write("""{"id":"ODD-1","affected":[]}""");
        }

        CraftedArchives.SetFirstZipEntryMethod(zipPath, 99);
        var zipError = HostileInput.Rejects(ct => Drain(zipPath, ct));
        Assert.Equal((zipPath + "!ODD-1.json", "import"), (zipError.Structure, zipError.Layer));

        var gzipPath = Path.Combine(temp.Path, "cut.json.gz");
        File.WriteAllBytes(gzipPath, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, .. Enumerable.Repeat((byte)0xff, 64)]);
        var gzipError = HostileInput.Rejects(ct => Drain(gzipPath, ct));
        Assert.Equal((gzipPath[..^".gz".Length], "import"), (gzipError.Structure, gzipError.Layer));
    }

    /// <summary>Reads every input with the format that recognises it, as the import does, keeping each file's own error and going on.</summary>
    private static async Task ReadAll(string path, CollectingFeedSink sink, List<FeedFormatException> errors, CancellationToken cancellationToken)
    {
        await foreach (var input in FeedInputs.EnumerateAsync(path, cancellationToken))
        {
            try
            {
                await StoreImporter.ReadOneAsync(input, sink, cancellationToken);
            }
            catch (FeedFormatException e) when (e.Structure == input.Name)
            {
                errors.Add(e);
            }
        }
    }

    /// <summary>Reads every input to its end in small pieces, as a streaming parser would.</summary>
    [Theory]
    [InlineData(new byte[] { 0x28, 0xb5, 0x2f, 0xfd })]
    [InlineData(new byte[] { 0x28, 0xb5, 0x2f, 0xfd, 0x39, 0x73, 0x87, 0x77, 0xe3, 0x0a, 0x42, 0x07, 0x41, 0xfd })]
    public void A_zstd_frame_cut_short_or_damaged_is_a_clear_error_naming_the_file(byte[] zstd)
    {
        var path = Path.Combine(temp.Path, "feed.json.zst");
        File.WriteAllBytes(path, zstd);

        var error = HostileInput.Run(ct => Drain(path, ct));

        Assert.IsType<FeedFormatException>(error);
        Assert.Contains("feed.json", error.Structure, StringComparison.Ordinal);
    }

    private static async Task Drain(string path, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        await foreach (var input in FeedInputs.EnumerateAsync(path, cancellationToken))
        {
            while (await input.Content.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
    }
}
