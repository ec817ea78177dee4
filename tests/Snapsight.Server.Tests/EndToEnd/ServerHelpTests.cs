namespace Snapsight.Server.Tests.EndToEnd;

/// <summary>The CLI lists the server verb, and hands <c>--help</c> to the server, which explains its own options.</summary>
public sealed class ServerHelpTests
{
    [Fact]
    public void Snapsight_help_lists_server()
    {
        var result = SnapsightCommand.Run(["--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.Stdout.Split('\n'), line => line.TrimStart().StartsWith("server ", StringComparison.Ordinal));
    }

    [Fact]
    public void Server_help_shows_the_servers_options_init_and_licence()
    {
        var result = SnapsightCommand.Run(["server", "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.All(["--data-dir", "--urls", "init", "licence", "SNAPSIGHT_POSTGRES"], word => Assert.Contains(word, result.Stdout, StringComparison.Ordinal));
    }

    [Fact]
    public void Server_init_help_shows_its_options()
    {
        var result = SnapsightCommand.Run(["server", "init", "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.All(["--data-dir", "--subscription", "--username", "--password-stdin"],
            word => Assert.Contains(word, result.Stdout, StringComparison.Ordinal));
    }
}
