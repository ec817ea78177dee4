using System.CommandLine;

namespace Snapsight.Cli;

/// <summary>The root of the <c>snapsight</c> command line: one sub-command per verb.</summary>
internal static class SnapsightCommand
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "Snapsight: agentless vulnerability and compliance scanning of virtual machine disks and snapshots.");
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        return await parse.InvokeAsync().ConfigureAwait(false);
    }
}
