using System.CommandLine;
using Snapsight.Cli.Commands;

namespace Snapsight.Cli;

/// <summary>The root of the <c>snapsight</c> command line: one sub-command per verb.</summary>
internal static class SnapsightCommand
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "Snapsight: agentless vulnerability and compliance scanning of virtual machine disks and snapshots.");
        root.Subcommands.Add(DiskCommand.Build());
        root.Subcommands.Add(LsCommand.Build());
        root.Subcommands.Add(CatCommand.Build());
        root.Subcommands.Add(InventoryCommand.Build());
        root.Subcommands.Add(SbomCommand.Build());
        root.Subcommands.Add(ScanCommand.Build());
        root.Subcommands.Add(ComplianceCommand.Build());
        root.Subcommands.Add(DbCommand.Build());
        root.Subcommands.Add(ServerCommand.Build());
        root.Subcommands.Add(DemoCommand.Build());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is [ServerCommand.Name, ..])
        {
            return ServerCommand.Exec(args);
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
}
