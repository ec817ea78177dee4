using System.Globalization;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Cli.Tests.Compliance;

/// <summary>
/// The XCCDF default-model score computed by xccdf_score.py from the data stream's own group
/// tree (weights and nesting as the benchmark declares them), independently of the product.
/// </summary>
internal static class DefaultModelScore
{
    public static double Of(string dataStream, IReadOnlyDictionary<string, string> results)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Compliance", "xccdf_score.py");
        var lines = string.Concat(results.Select(r => $"{r.Key}\t{r.Value}\n"));
        return double.Parse(Tool.Run("/usr/bin/python3", [script, dataStream], lines, null).Trim(), CultureInfo.InvariantCulture);
    }
}
