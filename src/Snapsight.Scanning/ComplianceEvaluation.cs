using Snapsight.Compliance.Assessment;
using Snapsight.Compliance.Content;
using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Compliance.Xccdf;
using Snapsight.Inventory.Os;

namespace Snapsight.Scanning;

/// <summary>Evaluates an XCCDF benchmark against a scan target's tree, offline, and chooses the content and profile for a scan.</summary>
public static class ComplianceEvaluation
{
    /// <summary>
    /// Evaluates <paramref name="profileId"/> (null: the default selection), limited to
    /// <paramref name="rules"/> when given. Both are resolved ids (<see cref="ProfileChoice"/>, <see cref="RuleChoice"/>).
    /// </summary>
    public static async Task<ComplianceReport> EvaluateAsync(
        ScanTarget target,
        OperatingSystemInfo? os,
        ComplianceContent content,
        string? profileId,
        IReadOnlySet<string>? rules,
        IProgress<ScanProgressReport>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(content);
        progress?.Report(new ScanProgressReport(ScanStage.Compliance, $"evaluating {content.Collection.Benchmark.Title}, profile {profileId ?? "(default selection)"}"));
        var assessment = await BenchmarkEvaluator.EvaluateAsync(content.Collection, profileId, new ProbeContext(target.Tree), rules, cancellationToken).ConfigureAwait(false);
        return new ComplianceReport(target.Path, os, Path.GetFileName(content.Path), assessment);
    }

    /// <summary>The installed SCAP Security Guide content for <paramref name="os"/>, or why there is none.</summary>
    public static (string? Path, string? Missing) InstalledContentFor(OperatingSystemInfo? os)
    {
        if (os is null)
        {
            return (null, "the target's operating system cannot be told, so no content can be chosen for it");
        }

        if (SecurityGuideContent.Find(os) is { } path)
        {
            return (path, null);
        }

        var installed = SecurityGuideContent.Installed() is { Count: > 0 } products ? string.Join(", ", products) : "none; install ssg-debian, ssg-debderived or ssg-nondebian";
        return (null, $"no SCAP Security Guide content for {os.Name} {os.VersionId} is installed in {SecurityGuideContent.DefaultDirectory} (installed: {installed})");
    }

    /// <summary>A scan's request evaluated, or the reason it could not be (no content for the system, no such profile): a gap, not a failed scan.</summary>
    internal static async Task<(ComplianceReport? Report, string? Skipped)> RunAsync(
        ScanTarget target, OperatingSystemInfo? os, ComplianceRequest request, IProgress<ScanProgressReport>? progress, CancellationToken cancellationToken)
    {
        var content = request.Content;
        if (content is null)
        {
            var (path, missing) = InstalledContentFor(os);
            if (path is null)
            {
                return (null, missing);
            }

            content = ComplianceContent.Read(path);
        }

        string? profileId;
        try
        {
            profileId = ProfileChoice.Resolve(content.Collection.Benchmark, request.Profile);
        }
        catch (ArgumentException e)
        {
            return (null, e.Message);
        }

        return (await EvaluateAsync(target, os, content, profileId, null, progress, cancellationToken).ConfigureAwait(false), null);
    }
}
