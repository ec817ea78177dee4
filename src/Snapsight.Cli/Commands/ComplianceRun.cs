using Snapsight.Compliance.Assessment;
using Snapsight.Compliance.Content;
using Snapsight.Compliance.DataStreams;
using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Compliance.Xccdf;
using Snapsight.Inventory.Os;

namespace Snapsight.Cli.Commands;

/// <summary>What <c>compliance</c> and <c>scan image --compliance</c> share: reading the content, choosing it for the system, choosing the profile, evaluating.</summary>
internal static class ComplianceRun
{
    public static (DataStreamCollection Collection, string Path) ReadContent(string path)
    {
        using var stream = File.OpenRead(path);
        return (ScapDataStreamReader.Read(stream), path);
    }

    public static string ContentFor(OperatingSystemInfo? os)
    {
        if (os is null)
        {
            throw new UsageException("the target's operating system cannot be told, so no content can be chosen for it: pass --datastream FILE");
        }

        var installed = SecurityGuideContent.Installed() is { Count: > 0 } products ? string.Join(", ", products) : "none; install ssg-debian, ssg-debderived or ssg-nondebian";
        return SecurityGuideContent.Find(os) ?? throw new UsageException(
            $"no SCAP Security Guide content for {os.Name} {os.VersionId} is installed in {SecurityGuideContent.DefaultDirectory} (installed: {installed}): pass --datastream FILE");
    }

    /// <summary>The profile id the user means (null: the benchmark's default selection), or a usage error naming the choices.</summary>
    public static string? ChooseProfile(Benchmark benchmark, string? asked, string optionName)
    {
        try
        {
            return ProfileChoice.Resolve(benchmark, asked);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{optionName}: {e.Message}");
        }
    }

    /// <summary>Evaluates the profile the user asked for (through <paramref name="optionName"/>) against the opened target.</summary>
    public static async Task<ComplianceReport> EvaluateAsync(
        InventoryTarget opened,
        OperatingSystemInfo? os,
        (DataStreamCollection Collection, string Path) content,
        string? askedProfile,
        string optionName,
        IReadOnlyCollection<string> askedRules,
        ScanProgress progress,
        CancellationToken cancellationToken)
    {
        var benchmark = content.Collection.Benchmark;
        var profileId = ChooseProfile(benchmark, askedProfile, optionName);
        IReadOnlySet<string>? rules;
        try
        {
            rules = askedRules.Count == 0 ? null : RuleChoice.Resolve(benchmark, ProfileResolver.Resolve(benchmark, profileId), askedRules);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--rule: {e.Message}");
        }

        progress.Report($"evaluating {benchmark.Title}, profile {profileId ?? "(default selection)"}");
        var assessment = await BenchmarkEvaluator.EvaluateAsync(content.Collection, profileId, new ProbeContext(opened.Tree), rules, cancellationToken).ConfigureAwait(false);
        return new ComplianceReport(opened.Path, os, Path.GetFileName(content.Path), assessment);
    }
}
