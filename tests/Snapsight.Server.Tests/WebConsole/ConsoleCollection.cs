namespace Snapsight.Server.Tests.WebConsole;

/// <summary>The console tests share one demo run, one server and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "web console";
}
