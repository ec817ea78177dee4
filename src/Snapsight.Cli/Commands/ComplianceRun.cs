using Snapsight.Compliance.Xccdf;
using Snapsight.Inventory.Os;
using Snapsight.Scanning;

namespace Snapsight.Cli.Commands;

/// <summary>What <c>compliance</c> and <c>scan image --compliance</c> share: the content and profile the user means, or a usage error naming the choices.</summary>
internal static class ComplianceRun
{
    public static string ContentFor(OperatingSystemInfo? os) =>
        ComplianceEvaluation.InstalledContentFor(os) is { Path: { } path } ? path : throw NoContent(os);

    /// <summary>The usage error when no content was given and none is installed for the system.</summary>
    public static UsageException NoContent(OperatingSystemInfo? os) =>
        new($"{ComplianceEvaluation.InstalledContentFor(os).Missing}: pass --datastream FILE");

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
    public static Task<ComplianceReport> EvaluateAsync(
        ScanTarget opened,
        OperatingSystemInfo? os,
        ComplianceContent content,
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

        return ComplianceEvaluation.EvaluateAsync(opened, os, content, profileId, rules, progress, cancellationToken);
    }
}
