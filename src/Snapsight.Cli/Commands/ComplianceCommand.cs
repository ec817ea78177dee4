using System.CommandLine;
using Snapsight.Compliance.Assessment;
using Snapsight.Compliance.Content;
using Snapsight.Compliance.Reports;
using Snapsight.Compliance.Xccdf;
using Snapsight.Inventory.Os;
using Snapsight.Scanning;

namespace Snapsight.Cli.Commands;

/// <summary>
/// <c>snapsight compliance TARGET [--datastream FILE] [--profile ID] [--format table|json|xccdf]</c>:
/// a SCAP Security Guide benchmark evaluated against a disk image or unpacked root, offline.
/// </summary>
internal static class ComplianceCommand
{
    public static Command Build()
    {
        var target = new Argument<string?>("target")
        {
            Description = "A disk image (raw, qcow2, VMDK, VHD, VHDX) or a directory holding an unpacked root file system.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var dataStream = new Option<string?>("--datastream", "-d")
        {
            Description = "A SCAP 1.3 source data stream (ssg-*-ds.xml). Default: the installed SCAP Security Guide content for the target's operating system, from " + SecurityGuideContent.DefaultDirectory + ".",
        };
        var profile = new Option<string?>("--profile")
        {
            Description = "The profile to evaluate: its whole id or the part after _profile_ (e.g. standard, cis_level1_server). Default: the benchmark's standard profile when it has one.",
        };
        var rule = new Option<string[]>("--rule")
        {
            Description = "Evaluate only this rule of the profile (its whole id or the part after _rule_, e.g. sshd_disable_root_login); repeat for more.",
            AllowMultipleArgumentsPerToken = false,
        };
        var listProfiles = new Option<bool>("--list-profiles") { Description = "List the content's profiles (id and title) and stop; with --datastream no TARGET is needed." };
        var format = new Option<string>("--format", "-f")
        {
            Description = "table (for people), json (for programs), or xccdf (an XCCDF 1.2 TestResult document, as OpenSCAP writes one).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "xccdf");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var exitCode = new Option<int>("--exit-code")
        {
            Description = "Exit with this code when any selected rule fails (default 0: the exit code says only whether the assessment ran).",
        };
        var stats = new ReadStatsOption();
        var volumes = new VolumeOptions();
        var command = new Command("compliance", "Evaluate a SCAP compliance benchmark (XCCDF 1.2 with OVAL 5.11 checks, such as the SCAP Security Guide's " +
            "CIS, ANSSI and STIG-style profiles) against a disk image or an unpacked root file system, without mounting or running it. " +
            "Each rule is pass, fail, notapplicable, or notchecked with the reason (a check that needs a running system is never guessed), " +
            "with the file and line or the package that decided it.\n\n" +
            "Examples:\n  snapsight compliance disk.qcow2 --list-profiles\n  snapsight compliance disk.qcow2 --profile standard\n" +
            "  snapsight compliance rootfs/ --datastream ssg-debian11-ds.xml --profile anssi_np_nt28_high --format json")
        {
            target, dataStream, profile, rule, listProfiles, format, output, exitCode, stats.Option,
        };
        volumes.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var path = parse.GetValue(target);
            var content = parse.GetValue(dataStream) is { } file ? ComplianceContent.Read(file) : null;
            if (path is null && !(parse.GetValue(listProfiles) && content is not null))
            {
                throw new UsageException("give a TARGET (a disk image or a directory), or --datastream FILE with --list-profiles");
            }

            if (path is null)
            {
                WriteProfiles(content!.Collection.Benchmark);
                return 0;
            }

            var progress = new ScanProgress();
            progress.Report($"reading {path}");
            using var opened = await InventoryTarget.OpenAsync(path, inspection => volumes.SelectTree(parse, inspection, path), cancellationToken).ConfigureAwait(false);
            var detection = await OperatingSystemDetector.DetectAsync(opened.Tree, cancellationToken).ConfigureAwait(false);
            content ??= ComplianceContent.Read(ComplianceRun.ContentFor(detection.Os));
            if (parse.GetValue(listProfiles))
            {
                WriteProfiles(content.Collection.Benchmark);
                return 0;
            }

            var report = await ComplianceRun.EvaluateAsync(opened, detection.Os, content, parse.GetValue(profile), "--profile", parse.GetValue(rule) ?? [], progress, cancellationToken).ConfigureAwait(false);
            var assessment = report.Assessment;
            progress.Done();
            await using (var stream = parse.GetValue(output) is { } outputFile ? File.Create(outputFile) : Console.OpenStandardOutput())
            {
                switch (parse.GetValue(format))
                {
                    case "json":
                        ComplianceReportJson.Write(stream, report);
                        break;
                    case "xccdf":
                        XccdfResultWriter.Write(stream, assessment, new XccdfResultInfo(ScanTarget.DocumentName(path), report.DataStream, ScanTool.Version));
                        break;
                    default:
                        await using (var writer = new StreamWriter(stream, leaveOpen: true))
                        {
                            ComplianceReportTable.Write(writer, report);
                        }

                        break;
                }
            }

            if (opened.Inspection is { } inspection)
            {
                stats.Report(parse, inspection);
            }

            return assessment.Count(RuleResult.Fail) > 0 ? parse.GetValue(exitCode) : 0;
        }));
        return command;
    }

    private static void WriteProfiles(Benchmark benchmark)
    {
        foreach (var profile in benchmark.Profiles)
        {
            Console.Out.WriteLine($"{profile.Id}\t{profile.Title}");
        }
    }
}
