using System.CommandLine;
using System.Text;
using Snapsight.Advisories.Feeds;
using Snapsight.Advisories.Filtering;
using Snapsight.Scanning;

namespace Snapsight.Cli.Commands;

/// <summary><c>snapsight scan image TARGET</c>: inventory, match against the advisory database, filter, report.</summary>
internal static class ScanCommand
{
    private static readonly string[] Formats = ["table", "json", "sarif", "cyclonedx", "spdx-json"];

    public static Command Build()
    {
        var scan = new Command("scan", "Scan for vulnerabilities. 'scan image' reads a disk image or an unpacked root file system.");
        scan.Subcommands.Add(BuildImage());
        return scan;
    }

    private static Command BuildImage()
    {
        var target = InventoryTarget.Argument();
        var format = new Option<string>("--format", "-f")
        {
            Description = "table (for people: grouped by severity, with a summary and the upgrades that fix them), json (for scripts), " +
                "sarif (SARIF 2.1.0, for code-scanning dashboards), cyclonedx (CycloneDX 1.6: the SBOM with its vulnerabilities) or spdx-json (the SBOM).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var db = DbPathOption.Create();
        var severity = new Option<string?>("--severity") { Description = "Report only these severities, comma-separated: CRITICAL,HIGH,MEDIUM,LOW,UNKNOWN." };
        var ignoreUnfixed = new Option<bool>("--ignore-unfixed") { Description = "Leave out vulnerabilities that have no fixed version yet." };
        var ignoreFile = new Option<string?>("--ignore-file")
        {
            Description = "A file of vulnerability ids to leave out, one per line, each optionally followed by exp:YYYY-MM-DD (the last day it applies) and a # reason.",
        };
        var vex = new Option<string?>("--vex") { Description = "An OpenVEX document: findings it says are not_affected or fixed for a package's purl are left out." };
        var exitCode = new Option<int>("--exit-code")
        {
            Description = "Exit with this code when vulnerabilities remain after the filters, or a --compliance rule fails (default 0: success whatever is found).",
            DefaultValueFactory = _ => 0,
        };
        var compliance = new Option<string?>("--compliance")
        {
            Description = "Also evaluate this compliance profile (e.g. standard; see 'snapsight compliance TARGET --list-profiles') of the SCAP Security Guide " +
                "content installed for the disk's system. Works with --format table and json.",
        };
        var dataStream = new Option<string?>("--datastream") { Description = "With --compliance: evaluate this SCAP source data stream instead of the installed content for the system." };
        var volumes = new VolumeOptions();
        var command = new Command("image", "Find the vulnerabilities of a disk image or an unpacked root file system: take its inventory, " +
            "match every package against the advisories of its exact distribution release (and language packages against their " +
            "ecosystems), merge what several feeds say about one flaw, and report each with its fixed version or why there is none.\n\n" +
            "Needs an advisory database: run 'snapsight db update' (or 'snapsight db import FILE…') first.\n\n" +
            "Examples:\n  snapsight scan image disk.qcow2\n  snapsight scan image disk.vmdk --severity CRITICAL,HIGH --ignore-unfixed --exit-code 1\n" +
            "  snapsight scan image ./rootfs --format json --output findings.json\n  snapsight scan image disk.qcow2 --compliance standard")
        {
            target, format, output, db, severity, ignoreUnfixed, ignoreFile, vex, exitCode, compliance, dataStream,
        };
        volumes.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            // Everything that can be refused is checked before the image is read.
            var filter = await ReadFilterAsync(parse, severity, ignoreUnfixed, ignoreFile, vex, cancellationToken).ConfigureAwait(false);
            var complianceProfile = parse.GetValue(compliance);
            if (complianceProfile is not null && parse.GetValue(format) is not ("table" or "json"))
            {
                throw new UsageException($"--compliance works with --format table or json, not {parse.GetValue(format)}");
            }

            if (complianceProfile is null && parse.GetValue(dataStream) is not null)
            {
                throw new UsageException("--datastream needs --compliance PROFILE");
            }

            var content = parse.GetValue(dataStream) is { } file ? ComplianceContent.Read(file) : null;
            if (content is not null && complianceProfile is not null)
            {
                ComplianceRun.ChooseProfile(content.Collection.Benchmark, complianceProfile, "--compliance");
            }

            var path = parse.GetValue(target)!;
            var options = new ScanOptions
            {
                AdvisoryStorePath = DbPathOption.Resolve(parse, db),
                Filter = filter,
                Compliance = complianceProfile is null ? null : new ComplianceRequest(complianceProfile) { Content = content },
                Progress = new ScanProgress(),
            };
            var result = await ScanPipeline.RunAsync(
                path, ct => InventoryTarget.OpenAsync(path, inspection => volumes.SelectTree(parse, inspection, path, emptyTreeForWindows: true), ct), options, cancellationToken)
                .ConfigureAwait(false);
            if (result.ComplianceSkipped is not null)
            {
                // The profile was checked against given content before the read; what is left is content missing for the system.
                throw content is null ? ComplianceRun.NoContent(result.Os) : new UsageException($"--compliance: {result.ComplianceSkipped}");
            }

            await using (var stream = parse.GetValue(output) is { } outputFile ? File.Create(outputFile) : Console.OpenStandardOutput())
            {
                switch (parse.GetValue(format))
                {
                    case "json":
                        ScanReportJson.Write(stream, result);
                        break;
                    case "sarif":
                        result.WriteSarif(stream);
                        break;
                    case "cyclonedx":
                        result.WriteCycloneDxVulnerabilities(stream);
                        break;
                    case "spdx-json":
                        result.WriteSbom(stream, SbomFormat.SpdxJson);
                        break;
                    default:
                        await using (var writer = new StreamWriter(stream, leaveOpen: true))
                        {
                            ScanReportTable.Write(writer, result);
                            if (result.Compliance is { } complianceReport)
                            {
                                await writer.WriteLineAsync().ConfigureAwait(false);
                                ComplianceReportTable.Write(writer, complianceReport);
                            }
                        }

                        break;
                }
            }

            var failedRules = result.Compliance?.Assessment.Count(Compliance.Assessment.RuleResult.Fail) ?? 0;
            return result.Findings.Count > 0 || failedRules > 0 ? parse.GetValue(exitCode) : 0;
        }));
        return command;
    }

    private static async Task<ScanFilter> ReadFilterAsync(
        ParseResult parse, Option<string?> severity, Option<bool> ignoreUnfixed, Option<string?> ignoreFile, Option<string?> vex, CancellationToken cancellationToken)
    {
        IReadOnlySet<Advisories.Model.Severity>? severities = null;
        if (parse.GetValue(severity) is { } list)
        {
            try
            {
                severities = ScanFilter.ParseSeverities(list);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"--severity: {e.Message.Split(" (Parameter")[0]}");
            }
        }

        var ignored = parse.GetValue(ignoreFile) is { } ignorePath
            ? IgnoreFile.Parse(Encoding.UTF8.GetString((await ReadAsync(ignorePath, IgnoreFile.MaxBytes, "ignore-file", cancellationToken).ConfigureAwait(false)).Span), ignorePath)
            : [];
        var statements = parse.GetValue(vex) is { } vexPath
            ? OpenVexReader.Parse(await ReadAsync(vexPath, OpenVexReader.MaxBytes, "openvex", cancellationToken).ConfigureAwait(false), vexPath)
            : [];
        return new ScanFilter { Severities = severities, IgnoreUnfixed = parse.GetValue(ignoreUnfixed), Ignored = ignored, Vex = statements };
    }

    private static async Task<ReadOnlyMemory<byte>> ReadAsync(string path, int maxBytes, string format, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return await FeedFiles.ReadCappedAsync(file, maxBytes, format, path, cancellationToken).ConfigureAwait(false);
    }
}
