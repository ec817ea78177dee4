using Snapsight.Control.Persistence;

namespace Snapsight.Server.Tests.EndToEnd;

/// <summary><c>snapsight server init</c> refusals: exit code 2, nothing on stdout, one sentence on stderr.</summary>
public sealed class ServerInitErrorTests
{
    private const string Password = "correct-horse-battery-staple";

    [Fact]
    public async Task A_password_under_12_characters_is_refused()
    {
        await using var server = new ServerProcess(DatabaseProvider.Sqlite);
        AssertRefused(server.Init("acme", "alice", "elevenchars"), "a password needs at least 12 characters");
    }

    [Fact]
    public async Task A_taken_subscription_name_is_refused()
    {
        await using var server = new ServerProcess(DatabaseProvider.Sqlite);
        Assert.Equal(0, server.Init("acme", "alice", Password).ExitCode);
        AssertRefused(server.Init("acme", "bob", Password), "a subscription named 'acme' exists already");
    }

    [Fact]
    public async Task A_taken_user_name_is_refused_even_in_another_subscription()
    {
        await using var server = new ServerProcess(DatabaseProvider.Sqlite);
        Assert.Equal(0, server.Init("acme", "alice", Password).ExitCode);
        AssertRefused(server.Init("globex", "ALICE", Password), "the user name 'ALICE' is taken");
    }

    [Fact]
    public async Task Without_password_stdin_init_is_a_usage_error()
    {
        await using var server = new ServerProcess(DatabaseProvider.Sqlite);
        var result = SnapsightCommand.Run(["server", "init", "--data-dir", server.DataDirectory, "--subscription", "acme", "--username", "alice"],
            Password + "\n");
        AssertRefused(result, "--password-stdin");
        Assert.False(Directory.Exists(server.DataDirectory));
    }

    private static void AssertRefused(SnapsightCommand.Result result, string reason)
    {
        Assert.Equal((2, ""), (result.ExitCode, result.Stdout));
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("snapsight server: ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }
}
