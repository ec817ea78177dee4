using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Snapsight.Control;
using Snapsight.Control.Persistence;
using Snapsight.Control.Assets;
using Snapsight.Control.Setup;
using Snapsight.Control.Tenancy;

namespace Snapsight.Server.Hosting;

/// <summary>
/// <c>snapsight server [init|licence]</c>: the CLI hands these verbs to this executable unchanged, so their
/// options and help are defined here once.
/// </summary>
public static class ServerCommandLine
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync($"snapsight server: {parse.Errors[0].Message} (see 'snapsight server --help')").ConfigureAwait(false);
            return 2;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }

    private static RootCommand Build()
    {
        var dataDir = DataDirOption();
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen, as ASP.NET Core URLs separated by ';' (default {DefaultUrls}); port 0 picks a free port. " +
                $"Once listening, the server prints '{ListeningLine.Prefix}URL' on standard output for each.",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var cloud = new Option<string?>("--cloud")
        {
            Description = $"Where the fleet is: '{CloudChoice.Local}' (default; the local cloud in the data folder) or '{CloudChoice.Aws}' " +
                $"(the registered accounts, with the SDK's default credentials: the instance profile or AWS_ACCESS_KEY_ID). Env: {CloudChoice.CloudVariable}.",
        };
        cloud.AcceptOnlyFromAmong(CloudChoice.Local, CloudChoice.Aws);
        var stsRegion = new Option<string?>("--aws-sts-region")
        {
            Description = $"With --cloud aws: the scanners' region, whose STS assumes the target roles. Env: {CloudChoice.StsRegionVariable}, else AWS_REGION.",
        };
        var ec2Endpoint = new Option<string?>(AwsEndpoints.Ec2Option) { Description = $"EC2's URL instead of AWS's regional one. Env: {AwsEndpoints.Ec2Variable}." };
        var stsEndpoint = new Option<string?>(AwsEndpoints.StsOption) { Description = $"STS's URL instead of AWS's regional one. Env: {AwsEndpoints.StsVariable}." };
        var ebsEndpoint = new Option<string?>(AwsEndpoints.EbsOption)
        {
            Description = $"The EBS direct APIs' URL instead of AWS's regional one. Env: {AwsEndpoints.EbsVariable}.",
        };
        var ssmEndpoint = new Option<string?>(AwsEndpoints.SsmOption)
        {
            Description = $"SSM's URL (API-based assessment from the SSM inventory) instead of AWS's regional one. Env: {AwsEndpoints.SsmVariable}.",
        };
        var kmsEndpoint = new Option<string?>(AwsEndpoints.KmsOption)
        {
            Description = $"KMS's URL (the copy key, with copy-and-share) instead of AWS's regional one. Env: {AwsEndpoints.KmsVariable}.",
        };
        var snapshotAccess = new Option<string?>("--aws-snapshot-access")
        {
            Description = $"With --cloud aws, for target accounts whose template did not report its CopyAndShare (the others are " +
                $"read as their template says): '{CloudChoice.ReadInPlace}' (default; snapshots never leave the target account) or " +
                $"'{CloudChoice.CopyAndShare}' (copied under the key the target template creates with CopyAndShare=true, shared " +
                $"with the service account only). Env: {CloudChoice.SnapshotAccessVariable}.",
        };
        snapshotAccess.AcceptOnlyFromAmong(CloudChoice.ReadInPlace, CloudChoice.CopyAndShare);
        var root = new RootCommand(
            "Serve Snapsight's REST API (under /api/v1, described at /openapi/v1.json) until stopped. The state lives in " +
            $"SQLite in the data folder, or in PostgreSQL when {ServerOptions.PostgresVariable} holds an Npgsql connection string. " +
            "Create the first subscription and admin with 'snapsight server init' first; a new subscription is licensed for " +
            $"{SubscriptionDefaults.LicensedIpAddresses} IP addresses ('snapsight server licence' changes that). With --cloud aws " +
            "it discovers and scans the accounts the subscriptions registered (docs/aws.md).\n\n" +
            "Examples:\n  snapsight server --data-dir /var/lib/snapsight --urls http://0.0.0.0:8080\n" +
            "  snapsight server --data-dir /var/lib/snapsight --cloud aws --aws-sts-region eu-west-1")
        {
            dataDir, urls, cloud, stsRegion, ec2Endpoint, stsEndpoint, ebsEndpoint, ssmEndpoint, kmsEndpoint, snapshotAccess,
        };
        root.SetAction((parse, ct) => Guarded(async () =>
        {
            var choice = CloudChoice.From(parse.GetValue(cloud), parse.GetValue(stsRegion), parse.GetValue(ec2Endpoint),
                parse.GetValue(stsEndpoint), parse.GetValue(ebsEndpoint), parse.GetValue(ssmEndpoint), parse.GetValue(kmsEndpoint),
                parse.GetValue(snapshotAccess));
            var options = ServerOptions.From(DataDirectory(parse.GetValue(dataDir)!), parse.GetValue(urls)!, choice);
            await using var app = ServerApp.Build(options);
            await ServerApp.PrepareAsync(app, ct).ConfigureAwait(false);
            await app.StartAsync().ConfigureAwait(false);
            foreach (var address in app.Urls)
            {
                await Console.Out.WriteLineAsync(ListeningLine.For(address)).ConfigureAwait(false);
            }

            await app.WaitForShutdownAsync().ConfigureAwait(false);
            return 0;
        }));
        root.Subcommands.Add(BuildInit());
        root.Subcommands.Add(BuildLicence());
        return root;
    }

    private static Command BuildInit()
    {
        var dataDir = DataDirOption();
        var subscription = new Option<string>("--subscription") { Description = "The new subscription's name.", Required = true };
        var username = new Option<string>("--username") { Description = "The name its first admin signs in with.", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the admin's password from the first line of standard input (never from the command line, where others can see it).",
            Required = true,
        };
        var command = new Command("init",
            "Create a subscription and its first admin user in the data folder (creating the database the first time). " +
            "Run it again with another name to add a subscription.\n\n" +
            "Example:\n  printf '%s\\n' \"$PASSWORD\" | snapsight server init --data-dir /var/lib/snapsight --subscription acme --username alice --password-stdin")
        {
            dataDir, subscription, username, passwordStdin,
        };
        command.SetAction((parse, ct) => Guarded(async () =>
        {
            // A required bool option is satisfied by its implicit default, so its absence is checked here.
            if (!parse.GetValue(passwordStdin))
            {
                throw new SetupException("give the admin's password on standard input and say so with --password-stdin");
            }

            var password = await Console.In.ReadLineAsync(ct).ConfigureAwait(false)
                ?? throw new SetupException("no password on standard input");
            var options = ServerOptions.From(DataDirectory(parse.GetValue(dataDir)!), DefaultUrls);
            await using var services = new ServiceCollection().AddControlPlane(options.Control).BuildServiceProvider();
            await using var scope = services.CreateAsyncScope();
            await ControlServices.MigrateAsync(scope.ServiceProvider.GetRequiredService<ControlDbContext>(), ct).ConfigureAwait(false);
            var (created, admin) = await scope.ServiceProvider.GetRequiredService<SubscriptionSetup>()
                .CreateAsync(parse.GetValue(subscription)!, parse.GetValue(username)!, password, ct).ConfigureAwait(false);
            Console.Out.WriteLine($"created subscription '{created.Name}' ({created.Id}) with admin '{admin.Username}'");
            return 0;
        }));
        return command;
    }

    private static Command BuildLicence()
    {
        var dataDir = DataDirOption();
        var subscription = new Option<string>("--subscription") { Description = "The subscription's name.", Required = true };
        var addresses = new Option<int?>("--addresses")
        {
            Description = $"The distinct IP addresses its activated assets may use (0 to {SubscriptionDefaults.MaxLicensedIpAddresses}). " +
                "Without it, the licence and its use are shown.",
        };
        var command = new Command("licence",
            "Show or set a subscription's licence: how many distinct IP addresses its activated assets may use. The licence is " +
            "issued here, on the server's host, and never through the API. Lowering it deactivates nothing; new activations are " +
            "refused until enough addresses are freed.\n\n" +
            "Example:\n  snapsight server licence --data-dir /var/lib/snapsight --subscription acme --addresses 500")
        {
            dataDir, subscription, addresses,
        };
        command.SetAction((parse, ct) => Guarded(async () =>
        {
            var options = ServerOptions.From(DataDirectory(parse.GetValue(dataDir)!), DefaultUrls);
            await using var services = new ServiceCollection().AddControlPlane(options.Control).BuildServiceProvider();
            var name = parse.GetValue(subscription)!;
            int? previous = null;
            await using (var scope = services.CreateAsyncScope())
            {
                await ControlServices.MigrateAsync(scope.ServiceProvider.GetRequiredService<ControlDbContext>(), ct).ConfigureAwait(false);
                var setup = scope.ServiceProvider.GetRequiredService<SubscriptionSetup>();
                if (parse.GetValue(addresses) is { } limit)
                {
                    previous = await setup.SetLicenceAsync(name, limit, ct).ConfigureAwait(false);
                }

                var id = (await setup.FindAsync(name, ct).ConfigureAwait(false)).Id;
                await using var tenant = services.GetRequiredService<IServiceScopeFactory>().CreateTenantScope(id);
                var usage = await tenant.ServiceProvider.GetRequiredService<Licence>().UsageAsync(ct).ConfigureAwait(false);
                var change = previous is { } p ? $" (was {p})" : "";
                Console.Out.WriteLine($"subscription '{name}': licensed for {usage.Limit} IP addresses{change}, {usage.Used} in use");
            }

            return 0;
        }));
        return command;
    }

    private static Option<string> DataDirOption() =>
        new("--data-dir") { Description = "The folder holding the database (SQLite) and the token signing key.", Required = true };

    /// <summary>
    /// The data folder, open to its owner only: it holds the signing key and the database with the
    /// password and token hashes. An existing folder that others may enter is closed, and said so.
    /// </summary>
    private static string DataDirectory(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return full;
        }

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (!Directory.Exists(full))
        {
            Directory.CreateDirectory(full, ownerOnly);
        }
        else if ((File.GetUnixFileMode(full) & ~ownerOnly) != 0)
        {
            File.SetUnixFileMode(full, ownerOnly);
            Console.Error.WriteLine($"snapsight server: closed {full} to everyone but its owner (it holds secrets)");
        }

        return full;
    }

    private static async Task<int> Guarded(Func<Task<int>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (SetupException e)
        {
            await Console.Error.WriteLineAsync($"snapsight server: {e.Message}.").ConfigureAwait(false);
            return 2;
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException e)
        {
            await Console.Error.WriteLineAsync($"snapsight server: the change could not be saved: {(e.InnerException ?? e).Message}").ConfigureAwait(false);
            return 2;
        }
        catch (System.Data.Common.DbException e)
        {
            await Console.Error.WriteLineAsync($"snapsight server: cannot use the database: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"snapsight server: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }
}
