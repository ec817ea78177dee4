using Snapsight.Advisories.Feeds;
using Snapsight.Advisories.Feeds.Osv;
using Snapsight.Advisories.Import;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds.Osv;

/// <summary>Every record of the real feeds and samples, read by us and by python3's json module, must agree line for line.</summary>
public sealed class OsvOracleTests
{
    private static readonly string AlmaFeed = SharedData.Path("advisories", "almalinux", "osv-database-full", "almalinux-osv-advisories.tar.gz");

    [Fact]
    public async Task The_whole_AlmaLinux_feed_reads_as_python_reads_it()
    {
        // The import names an entry "<feed without .gz>!<name in the tar>"; python names it by the latter alone.
        var archivePrefix = AlmaFeed[..^".gz".Length] + "!";
        var ours = new List<string>();
        var records = 0;
        await foreach (var input in FeedInputs.EnumerateAsync(AlmaFeed))
        {
            Assert.StartsWith(archivePrefix, input.Name, StringComparison.Ordinal);
            var name = input.Name[archivePrefix.Length..];
            if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                var json = await FeedFiles.ReadCappedAsync(input.Content, OsvLimits.MaxRecordBytes, "osv", input.Name, CancellationToken.None);
                ours.AddRange(OsvOracle.Lines(name, OsvRecordParser.Parse(json)));
                records++;
            }
        }

        Assert.Equal(5_680, records);
        Assert.Equal(OsvOracle.Python("tar", AlmaFeed), ours);
    }

    [Fact]
    public void The_single_OSV_records_in_the_shared_data_read_as_python_reads_them()
    {
        var candidates = Directory.EnumerateFiles(SharedData.Path("advisories"), "*.json", SearchOption.AllDirectories)
            .Where(path => new FileInfo(path).Length <= OsvLimits.MaxRecordBytes && File.ReadAllText(path).Contains("\"affected\"", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var expected = OsvOracle.Python(["files", .. candidates]);
        var osvFiles = expected.Where(line => line.StartsWith("R\t", StringComparison.Ordinal)).Select(line => line.Split('\t')[1]).ToArray();
        var ours = osvFiles.SelectMany(path => OsvOracle.Lines(path, OsvRecordParser.Parse(File.ReadAllBytes(path)))).ToArray();

        Assert.True(osvFiles.Length >= 50, $"only {osvFiles.Length} OSV records found");
        Assert.Equal(expected, ours);
    }
}
