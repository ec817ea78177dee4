using System.CommandLine;
using System.Diagnostics.CodeAnalysis;

namespace Snapsight.Cli;

/// <summary>
/// The <c>snapsight</c> executable users run is a front built with only the image verbs (disk, ls, cat, inventory,
/// sbom): Native AOT expands every type of an executable at each start, and the scanner's other verbs (SQLite, the
/// feed readers, SCAP and XML, the HTTP stack, the demo) tripled that work, about 2.5 ms of a 9 ms inventory
/// (docs/performance.md). Anything else, and anything the front does not parse cleanly (help, the version, errors),
/// replaces the process with the all-verbs executable in <c>all-verbs/</c> beside it, so every answer is that
/// executable's own. scripts/publish builds both from this project; the front with the feature switch on, which lets
/// the AOT compiler drop what only the other verbs use.
/// </summary>
internal static class ImageVerbsFront
{
    public const string FeatureSwitch = "Snapsight.Cli.ImageVerbsOnly";

    /// <summary>Points at the all-verbs executable (or its .dll) when it is not where the front expects it.</summary>
    public const string LocationVariable = "SNAPSIGHT_ALL_VERBS";

    /// <summary>
    /// Set for the executable a front hands over to (here and in Native/front_dispatch.c): a front that finds it set
    /// was handed over to by a front, so the all-verbs executable is misconfigured, and handing over again would loop.
    /// </summary>
    public const string HandedOverVariable = "SNAPSIGHT_HANDED_OVER";

    [FeatureSwitchDefinition(FeatureSwitch)]
    public static bool IsThisExecutable => AppContext.TryGetSwitch(FeatureSwitch, out var on) && on;

    public static Command Build() => SnapsightCommand.WithImageVerbs(SnapsightCommand.LeanRoot());

    public static async Task<int> RunAsync(string[] args)
    {
        if (!SnapsightCommand.MayNeedTheRoot(args) && Build().Parse(args) is { Errors.Count: 0 } parse)
        {
            return await parse.InvokeAsync().ConfigureAwait(false);
        }

        var allVerbs = Path.GetFullPath(Environment.GetEnvironmentVariable(LocationVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "all-verbs", "snapsight"));
        if (!File.Exists(allVerbs) || Environment.GetEnvironmentVariable(HandedOverVariable) is not null)
        {
            var what = File.Exists(allVerbs) ? $"{allVerbs} is this front again, not the one with every verb" : $"the one with every verb is not at {allVerbs}";
            await Console.Error.WriteLineAsync(
                $"snapsight: this executable serves only disk, ls, cat, inventory and sbom, and {what}; " +
                $"reinstall both (scripts/publish), or set {LocationVariable} to its path.").ConfigureAwait(false);
            return CommandRunner.UsageError;
        }

        Environment.SetEnvironmentVariable(HandedOverVariable, "1");
        return ProcessReplacement.Exec(allVerbs, args);
    }
}
