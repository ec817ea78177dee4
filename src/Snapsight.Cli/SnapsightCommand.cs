using System.CommandLine;
using Snapsight.Cli.Commands;

namespace Snapsight.Cli;

/// <summary>The root of the <c>snapsight</c> command line: one sub-command per verb.</summary>
internal static class SnapsightCommand
{
    private const string Description = "Snapsight: agentless vulnerability and compliance scanning of virtual machine disks and snapshots.";

    public static RootCommand Build() => WithVerbs(new RootCommand(Description));

    /// <summary>
    /// The same verbs under a plain command, without the root's help and version options and directives: the help
    /// option's constructor looks its description up in System.CommandLine's resources, and that first resource lookup
    /// (reflection over the executable's assemblies) was some 5 % of an inventory's samples (docs/performance.md).
    /// </summary>
    public static Command BuildLean() => WithVerbs(LeanRoot());

    public static Command LeanRoot() => new("snapsight", Description);

    /// <summary>
    /// Whether the arguments may use what only the real root has: a help alias (--help, -h, -?, /h, /?, alone, with a
    /// value or among bundled short options), --version, or a [directive], or may hold any of them in a @response file.
    /// Erring towards yes costs only time.
    /// </summary>
    public static bool MayNeedTheRoot(IEnumerable<string> args) => args.Any(arg =>
        arg.StartsWith('[')
        || arg.StartsWith('@')
        || arg.StartsWith("--help", StringComparison.Ordinal)
        || arg.StartsWith("--version", StringComparison.Ordinal)
        || arg is ['/', 'h' or '?'] or ['/', 'h' or '?', ':' or '=', ..]
        || (arg is ['-', not '-', ..] && arg.AsSpan().IndexOfAny('h', '?') >= 0));

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is [ServerCommand.Name, ..])
        {
            return ServerCommand.Exec(args);
        }

        if (ImageVerbsFront.IsThisExecutable)
        {
            return await ImageVerbsFront.RunAsync(args).ConfigureAwait(false);
        }

        // Handed over to by a front: what this executable starts must not take the mark for its own.
        Environment.SetEnvironmentVariable(ImageVerbsFront.HandedOverVariable, null);

        // Arguments the lean root parses without an error mean the same under the real one (SnapsightCommandTests);
        // anything else (help, the version, every error) goes through the real root, worded as System.CommandLine does.
        if (!MayNeedTheRoot(args) && BuildLean().Parse(args) is { Errors.Count: 0 } lean)
        {
            return await lean.InvokeAsync().ConfigureAwait(false);
        }

        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // The contract: exit code 2 (System.CommandLine would use 1) and one sentence on stderr.
            var verb = parse.CommandResult.Command is RootCommand ? "" : $" {parse.CommandResult.Command.Name}";
            await Console.Error.WriteLineAsync($"snapsight: {parse.Errors[0].Message} (see 'snapsight{verb} --help')").ConfigureAwait(false);
            return CommandRunner.UsageError;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }

    /// <summary>The verbs that read an image or a tree and need neither the advisories, SCAP content nor a server.</summary>
    public static T WithImageVerbs<T>(T root)
        where T : Command
    {
        root.Subcommands.Add(DiskCommand.Build());
        root.Subcommands.Add(LsCommand.Build());
        root.Subcommands.Add(CatCommand.Build());
        root.Subcommands.Add(InventoryCommand.Build());
        root.Subcommands.Add(SbomCommand.Build());
        return root;
    }

    private static T WithVerbs<T>(T root)
        where T : Command
    {
        WithImageVerbs(root);
        root.Subcommands.Add(ScanCommand.Build());
        root.Subcommands.Add(ComplianceCommand.Build());
        root.Subcommands.Add(DbCommand.Build());
        root.Subcommands.Add(ServerCommand.Build());
        root.Subcommands.Add(DemoCommand.Build());
        return root;
    }
}
