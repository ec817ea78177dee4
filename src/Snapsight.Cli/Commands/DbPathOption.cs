using System.CommandLine;
using Snapsight.Advisories.Store;

namespace Snapsight.Cli.Commands;

/// <summary>The <c>--db PATH</c> option every command that uses the advisory database takes.</summary>
internal static class DbPathOption
{
    public static Option<string?> Create() => new("--db")
    {
        Description = "The advisory database file. Default: $SNAPSIGHT_DB, else ~/.cache/snapsight/advisories.db ($XDG_CACHE_HOME is honoured).",
    };

    public static string Resolve(ParseResult parse, Option<string?> option) => parse.GetValue(option) ?? AdvisoryStore.DefaultPath();
}
