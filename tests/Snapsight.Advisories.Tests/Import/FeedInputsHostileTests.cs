using System.Formats.Tar;
using System.IO.Compression;
using Snapsight.Advisories.Feeds;
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

    /// <summary>Reads every input to its end in small pieces, as a streaming parser would.</summary>
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
