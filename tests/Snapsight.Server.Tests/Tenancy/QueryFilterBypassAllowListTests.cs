using System.Text.RegularExpressions;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Server.Tests.Tenancy;

/// <summary>
/// The tenant query filters hold only where code does not opt out of them. IgnoreQueryFilters, raw
/// SQL and the bare connection all opt out, so each source file that uses one is listed here with
/// the reason it must look across subscriptions; a new use fails until someone writes that reason.
/// </summary>
public sealed partial class QueryFilterBypassAllowListTests
{
    /// <summary>Source files (under src/, forward slashes) allowed to bypass the filters, and why.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["Snapsight.Server/Auth/AccessTokenUser.cs"] = "finds the user a valid JWT names before the request has a tenant",
        ["Snapsight.Control/Identity/SignInService.cs"] = "sign-in names a user, not a subscription: the user decides the tenant",
        ["Snapsight.Control/Tokens/SubscriptionTokenService.cs"] = "a presented subscription token is what names its subscription",
        ["Snapsight.Control/Tenancy/UserAccounts.cs"] = "user names are unique across subscriptions, so the check must see them all",
        ["Snapsight.Control/Tenancy/SubscriptionChanges.cs"] = "a renamed subscription must not take a name another subscription holds",
        ["Snapsight.Control/Setup/SubscriptionSetup.cs"] = "subscription names are unique server-wide; set-up runs outside any tenant",
        ["Snapsight.Control/Discovery/DiscoveryRound.cs"] = "the background poll runs in no request: it finds every subscription's due accounts, then polls each inside its own tenant",
        ["Snapsight.Control/Scans/AllSubscriptions.cs"] = "the background scan driver and sweeper list every subscription, then work in each one's own scope",
        ["Snapsight.Control/ControlServices.cs"] = "puts SQLite in write-ahead-log mode after migrating: a pragma, no row read or written",
        ["Snapsight.Control/Persistence/BulkInsert.cs"] = "writes only rows of the caller's subscription, checked before any statement runs (BulkInsertTests); reads nothing",
    };

    [Fact]
    public void Only_allow_listed_files_bypass_the_tenant_query_filters()
    {
        var src = Path.Combine(Repository.Root, "src");
        var users = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(Path.GetRelativePath(src, file)))
            .Select(file => (Name: Path.GetRelativePath(src, file).Replace('\\', '/'), Uses: Bypasses(file)))
            .Where(f => f.Uses.Count > 0)
            .ToDictionary(f => f.Name, f => f.Uses, StringComparer.Ordinal);

        var unlisted = users.Where(u => !Allowed.ContainsKey(u.Key))
            .Select(u => $"{u.Key} (line {string.Join(", ", u.Value)})").ToList();
        var stale = Allowed.Keys.Where(name => !users.ContainsKey(name)).ToList();

        Assert.True(unlisted.Count == 0,
            "These files bypass the tenant query filters (IgnoreQueryFilters, FromSql, ExecuteSql, SqlQuery or GetDbConnection) "
            + "without being allow-listed: " + string.Join("; ", unlisted)
            + ". Query through the filtered DbSets instead, or add the file to Allowed in "
            + nameof(QueryFilterBypassAllowListTests) + " with the reason it must see other subscriptions.");
        Assert.True(stale.Count == 0,
            "Allow-listed files no longer bypass the filters; remove them from Allowed: " + string.Join(", ", stale));
    }

    [Fact]
    public void The_scan_sees_a_bypass_in_code_and_ignores_one_in_a_comment()
    {
        Assert.True(BypassesIn("var u = db.Users.IgnoreQueryFilters();"));
        Assert.True(BypassesIn("db.Database.ExecuteSqlRawAsync(sql);"));
        Assert.True(BypassesIn("db.Users.FromSql($\"select 1\")"));
        Assert.True(BypassesIn("db.Database.SqlQueryRaw<int>(sql)"));
        Assert.True(BypassesIn("var c = db.Database.GetDbConnection();"));
        Assert.False(BypassesIn("/// says so with <c>IgnoreQueryFilters</c>, and"));
        Assert.False(BypassesIn("    // never FromSql here"));
    }

    private static bool IsBuildOutput(string relative) =>
        relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    /// <summary>Line numbers of code (not comment) lines that bypass the filters.</summary>
    private static List<int> Bypasses(string file) =>
        File.ReadLines(file).Select((line, i) => (line, number: i + 1))
            .Where(l => BypassesIn(l.line)).Select(l => l.number).ToList();

    private static bool BypassesIn(string line) =>
        !line.TrimStart().StartsWith("//", StringComparison.Ordinal) && Bypass().IsMatch(line);

    // EF Core's raw SQL entry points: FromSql/FromSqlRaw/FromSqlInterpolated, ExecuteSql*, SqlQuery*.
    [GeneratedRegex(@"\b(IgnoreQueryFilters|FromSql\w*|ExecuteSql\w*|SqlQuery\w*|GetDbConnection)\s*[<(]")]
    private static partial Regex Bypass();
}
