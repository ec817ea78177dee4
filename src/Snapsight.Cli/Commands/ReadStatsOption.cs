using System.CommandLine;
using System.Globalization;
using Snapsight.Disk.Volumes;

namespace Snapsight.Cli.Commands;

/// <summary><c>--stats</c>: after the output, say on stderr exactly how much of the image was read.</summary>
internal sealed class ReadStatsOption
{
    public Option<bool> Option { get; } = new("--stats")
    {
        Description = "After the output, print on stderr how many bytes of the image file were read, out of how many, in how many requests.",
    };

    public void Report(ParseResult parse, DiskInspection inspection)
    {
        if (!parse.GetValue(Option))
        {
            return;
        }

        var container = inspection.Container;
        var read = container.Statistics.BytesRead;
        var share = container.Length == 0 ? 0 : 100.0 * read / container.Length;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"snapsight: read {read} of {container.Length} bytes ({share:0.####} %) in {container.Statistics.ReadRequests} requests"));
    }
}
