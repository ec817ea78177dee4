using System.Text.Json;
using CsCheck;
using Snapsight.Advisories.Reports;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Reports;

/// <summary>
/// A second reader: Microsoft's SARIF Multitool `validate` (the SARIF SDK's own validator, from
/// tests/images/build-sarif-fixtures) checks generated logs against the schema and the
/// specification's SARIF1xxx rules, which say what the schema cannot (URI forms, index
/// consistency, message text ends).
/// </summary>
public sealed class SarifValidatorTests
{
    private static readonly FixtureScript SarifSdk = new("build-sarif-fixtures");

    [Fact]
    public void The_SARIF_Multitool_finds_no_error_in_generated_logs()
    {
        using var directory = new TempDirectory();
        var count = 0;
        GeneratedScans.Reports.Sample(report =>
        {
            using var file = File.Create(directory.File($"scan-{Interlocked.Increment(ref count)}.sarif"));
            SarifWriter.Write(file, report);
        }, iter: 15, threads: 1);
        var output = directory.File("validation.sarif");

        try
        {
            Tool.Run(Path.Combine(SarifSdk.Folder, "Sarif.Multitool"), "validate", "--output", output, Path.Combine(directory.Path, "scan-*.sarif"));
        }
        catch (InvalidOperationException)
        {
            // It exits non-zero when it reports an error; the log below says which.
        }

        using var validation = JsonDocument.Parse(File.ReadAllBytes(output));
        var run = validation.RootElement.GetProperty("runs")[0];
        var complaints = run.GetProperty("results").EnumerateArray()
            .Where(r => r.TryGetProperty("level", out var level) && level.GetString() == "error") // SARIF's default level is warning
            .Select(r => $"{r.GetProperty("ruleId").GetString()}: {r.GetProperty("message")}")
            .ToList();
        Assert.True(complaints.Count == 0, string.Join('\n', complaints.Take(20)));
    }
}
