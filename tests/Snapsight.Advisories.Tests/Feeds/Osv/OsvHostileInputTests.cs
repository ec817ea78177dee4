using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Snapsight.Advisories.Feeds.Osv;
using Snapsight.Disk;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds.Osv;

/// <summary>Records and archives no feed should hold: each is read or refused with a clear OsvFormatException within the hostile-input bar.</summary>
public sealed class OsvHostileInputTests
{
    private const string Head = """{"id":"HOSTILE-1","affected":[{"package":{"ecosystem":"npm","name":"x"},"ranges":[{"type":"SEMVER","events":""";

    [Theory]
    [InlineData("""{"id":"X","database_specific":DEEP}""", "record")]
    [InlineData("""{"summary":"no id"}""", "id")]
    [InlineData("""{"id":42}""", "id")]
    [InlineData("""[{"id":"X"}]""", "record")]
    [InlineData("""{"id":"X","affected":[{"ranges":[{"type":"SEMVER","events":{"introduced":"0"}}]}]}""", "affected[0].ranges[0].events")]
    [InlineData("""{"id":"X","affected":[{"package":{"ecosystem":7,"name":"x"}}]}""", "affected[0].package.ecosystem")]
    [InlineData("""{"id":"X","affected":[{"ranges":[{"type":"SEMVER","events":[{"introduced":"0","fixed":"1"}]}]}]}""", "affected[0].ranges[0].events[0]")]
    [InlineData("""{"id":"X","affected":[{"ranges":[{"type":"SEMVER","events":[{"fixd":"1"}]}]}]}""", "affected[0].ranges[0].events[0]")]
    [InlineData("""{"id":"X","aliases":["CVE-1",null]}""", "aliases[1]")]
    [InlineData("{\"id\":\"X\0\"}", "record")]
    [InlineData("""{"id":"X","summary":"\ud800"}""", "record")]
    [InlineData("""{"id":"X","affected":[{"package":{"ecosystem":"npm","na""", "record")]
    [InlineData("", "record")]
    public void A_malformed_record_is_refused_naming_the_field(string json, string field)
    {
        var bytes = Encoding.UTF8.GetBytes(json.Replace("DEEP", new string('[', 100_000), StringComparison.Ordinal));
        var error = HostileInput.Run(_ => Task.FromResult(OsvRecordParser.Parse(bytes)));
        Assert.IsType<OsvFormatException>(error);
        Assert.Equal(field, error.Structure);
    }

    [Fact]
    public void A_million_events_are_refused_before_the_list_is_built()
    {
        var events = string.Join(',', Enumerable.Repeat("""{"fixed":"1"}""", 1_000_000));
        var bytes = Encoding.UTF8.GetBytes(Head + "[" + events + "]}]}]}");
        var error = HostileInput.Run(_ => Task.FromResult(OsvRecordParser.Parse(bytes)));
        Assert.Equal("affected[0].ranges[0].events", error?.Structure);
    }

    [Fact]
    public void A_fifteen_megabyte_string_and_an_escaped_nul_are_kept_as_written()
    {
        var details = new string('d', 15 * 1024 * 1024);
        var bytes = Encoding.UTF8.GetBytes("""{"id":"X\u0000Y","details":"DETAILS"}""".Replace("DETAILS", details, StringComparison.Ordinal));
        OsvRecord? record = null;
        Assert.Null(HostileInput.Run(_ => Task.FromResult(record = OsvRecordParser.Parse(bytes))));
        Assert.Equal("X\0Y", record!.Id);
        Assert.Equal(details.Length, record.Details!.Length);
    }

    [Fact]
    public void A_record_over_the_cap_is_refused_unread()
    {
        var bytes = new byte[OsvLimits.MaxRecordBytes + 1];
        var error = HostileInput.Run(_ => Task.FromResult(OsvRecordParser.Parse(bytes)));
        Assert.Equal("record", error?.Structure);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(100u)]
    public void A_zip_bomb_entry_is_refused_and_the_next_entry_still_read(uint? declaredSize)
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "all.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using (var bomb = zip.CreateEntry("BOMB-1.json", CompressionLevel.SmallestSize).Open())
            {
                var zeros = new byte[1 << 20];
                for (var i = 0; i < 256; i++)
                {
                    bomb.Write(zeros);
                }
            }

            using var good = new StreamWriter(zip.CreateEntry("GOOD-1.json").Open());
            good.Write("""{"id":"GOOD-1"}""");
        }

        if (declaredSize is { } lie)
        {
            DeclareFirstEntrySize(path, lie);
        }

        var entries = ReadAll(path);
        Assert.Equal(["BOMB-1.json", "GOOD-1.json"], entries.Select(e => e.Name));
        Assert.Equal("record", entries[0].Error?.Structure);
        Assert.Equal("GOOD-1", entries[1].Record?.Id);
    }

    [Fact]
    public void A_tar_entry_claiming_a_terabyte_is_refused_unread_and_the_truncated_tar_ends_the_stream()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "feed.tar.gz");
        var pax = Encoding.ASCII.GetBytes(PaxRecord("size", (1L << 40).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(TarHeader("PaxHeaders/BIG-1.json", pax.Length, (byte)'x'));
            gzip.Write(Padded(pax));
            gzip.Write(TarHeader("BIG-1.json", 0, (byte)'0'));
            gzip.Write(Padded(Encoding.ASCII.GetBytes("""{"id":"BIG-1"}""")));
        }

        var entries = new List<OsvArchiveEntry>();
        var end = HostileInput.Run(async ct =>
        {
            await foreach (var entry in OsvArchiveReader.ReadFileAsync(path, ct))
            {
                entries.Add(entry);
            }
        });
        Assert.Equal("BIG-1.json", Assert.Single(entries).Name);
        Assert.Contains("1099511627776 bytes", entries[0].Error?.Message, StringComparison.Ordinal);
        Assert.Equal("archive", end?.Structure);
    }

    /// <summary>A bomb that lies: the first entry's uncompressed size, in its local header and its central directory record, says little.</summary>
    private static void DeclareFirstEntrySize(string path, uint size)
    {
        var zip = File.ReadAllBytes(path);
        var central = zip.AsSpan().IndexOf("PK\u0001\u0002"u8);
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(22), size);
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(central + 24), size);
        File.WriteAllBytes(path, zip);
    }

    private static List<OsvArchiveEntry> ReadAll(string path)
    {
        var entries = new List<OsvArchiveEntry>();
        Assert.Null(HostileInput.Run(async ct =>
        {
            await foreach (var entry in OsvArchiveReader.ReadFileAsync(path, ct))
            {
                entries.Add(entry);
            }
        }));
        return entries;
    }

    /// <summary>A pax record: its own length in decimal counts itself.</summary>
    private static string PaxRecord(string key, string value)
    {
        var body = $" {key}={value}\n";
        var length = body.Length + 1;
        while ((length.ToString(System.Globalization.CultureInfo.InvariantCulture) + body).Length != length)
        {
            length++;
        }

        return length.ToString(System.Globalization.CultureInfo.InvariantCulture) + body;
    }

    /// <summary>A ustar header block (POSIX 1003.1 layout) with its checksum.</summary>
    private static byte[] TarHeader(string name, long size, byte type)
    {
        var header = new byte[512];
        void Put(int offset, string text) => Encoding.ASCII.GetBytes(text).CopyTo(header, offset);
        Put(0, name);
        Put(100, "0000644\0");
        Put(108, "0000000\0");
        Put(116, "0000000\0");
        Put(124, Convert.ToString(size, 8).PadLeft(11, '0') + "\0");
        Put(136, "00000000000\0");
        header[156] = type;
        Put(257, "ustar\0");
        Put(263, "00");
        Put(148, "        ");
        var sum = header.Sum(b => b);
        Put(148, Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ");
        return header;
    }

    private static byte[] Padded(byte[] data)
    {
        var padded = new byte[(data.Length + 511) / 512 * 512];
        data.CopyTo(padded, 0);
        return padded;
    }
}
