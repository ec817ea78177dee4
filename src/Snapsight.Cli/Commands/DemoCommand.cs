using System.CommandLine;
using Snapsight.Cli.Demo;

namespace Snapsight.Cli.Commands;

/// <summary>
/// <c>snapsight demo</c>: the README's main command. Builds a small local fleet, starts the server on it and walks
/// the documented set-up through the server's own HTTP API up to zero-touch scanning (docs/demo.md).
/// </summary>
internal static class DemoCommand
{
    public const string DefaultDataDirectory = "snapsight-demo";
    public const string DefaultUrls = "http://127.0.0.1:5080";
    public const int DefaultTimeoutMinutes = 15;

    /// <summary>A day: a wait longer than that is a typing error, not a demo.</summary>
    public const int MaxTimeoutMinutes = 1440;

    /// <summary>The image folder when neither --images nor this variable says otherwise is tests/images/build-demo-fleet's default.</summary>
    public const string ImagesVariable = "SNAPSIGHT_DEMO_FLEET";

    public static Command Build()
    {
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "A new or empty folder for everything the demo makes: the server's database, keys and local cloud.",
            DefaultValueFactory = _ => DefaultDataDirectory,
        };
        var urls = new Option<string>("--urls")
        {
            Description = "Where the server listens, as ASP.NET Core URLs separated by ';'.",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var advisories = new Option<string[]>("--advisories")
        {
            Description = "Import these local feed files, folders or archives (as 'snapsight db import' reads them) instead of downloading the " +
                "feeds with 'snapsight db update': for machines without the internet.",
            AllowMultipleArgumentsPerToken = true,
        };
        var images = new Option<string?>("--images")
        {
            Description = $"The folder of the fleet's volume images and fleet.tsv, as tests/images/build-demo-fleet builds them (default " +
                $"${ImagesVariable}, else ~/.cache/snapsight/demo-fleet; built there by that script when it is missing and the script is found).",
        };
        var once = new Option<bool>("--once") { Description = "Stop the server and exit after the first round of scans, instead of serving until Ctrl-C." };
        var timeout = new Option<int>("--timeout")
        {
            Description = $"Minutes to wait for discovery and the first scans before giving up with exit code {DemoRun.TimedOut} " +
                $"(1 to {MaxTimeoutMinutes}).",
            DefaultValueFactory = _ => DefaultTimeoutMinutes,
        };
        var command = new Command("demo",
            "Show Snapsight's zero-touch scanning on this machine. The demo builds a local cloud of two accounts and five instances " +
            "(Debian 11, 12 and 13 and an rpm-based AlmaLinux, one with a data volume mounted through its fstab, one on XFS inside " +
            "a GPT table) from real disk images, imports the advisories, creates a subscription and an admin (and prints the " +
            "password), starts 'snapsight server' on SQLite in the data folder, then does through the server's HTTP API what a " +
            "customer does: signs in, issues a subscription token, creates a connector per account, registers the service " +
            "account and the target accounts as the templates' call-backs would, and turns zero-touch on. Then it waits until " +
            "every instance is discovered and scanned (or its scan ended as failed or skipped), showing the progress, prints " +
            "what each scan found, and keeps serving until Ctrl-C.\n\n" +
            "Exit codes: 0 when every step worked (with --once: and every asset was scanned), 1 when the server refused a step, " +
            "2 for a usage error (a data folder already in use, no server or fleet images found, a bad --timeout), " +
            $"{DemoRun.NotAllScanned} with --once when the scans finished but not every asset was scanned, " +
            $"{DemoRun.TimedOut} when the scans did not finish within --timeout.\n\n" +
            "Examples:\n  snapsight demo\n  snapsight demo --advisories ../shared/data/advisories --once\n" +
            "  snapsight demo --data-dir /tmp/demo --urls http://127.0.0.1:9090")
        {
            dataDir, urls, advisories, images, once, timeout,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(() => new DemoRun(new DemoOptions(
            Path.GetFullPath(parse.GetValue(dataDir)!), parse.GetValue(urls)!, parse.GetValue(advisories) ?? [],
            ImageFolder(parse.GetValue(images)), parse.GetValue(once), Timeout(parse.GetValue(timeout)))).RunAsync(ct)));
        return command;
    }

    private static TimeSpan Timeout(int minutes) => minutes is >= 1 and <= MaxTimeoutMinutes
        ? TimeSpan.FromMinutes(minutes)
        : throw new UsageException($"--timeout: give 1 to {MaxTimeoutMinutes} minutes, not {minutes}");

    private static string ImageFolder(string? given)
    {
        var folder = given ?? Environment.GetEnvironmentVariable(ImagesVariable);
        return Path.GetFullPath(string.IsNullOrEmpty(folder)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "snapsight", "demo-fleet")
            : folder);
    }
}
