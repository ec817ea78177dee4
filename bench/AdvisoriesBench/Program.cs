using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Snapsight.Advisories.Matching;
using Snapsight.Advisories.Store;
using Snapsight.Inventory;
using Snapsight.Inventory.Os;
using Snapsight.Inventory.Packages;

// Usage: AdvisoriesBench STORE [PACKAGES=10000] [RUNS=15]
// Builds an AlmaLinux 9 inventory of PACKAGES rpm packages: every package name the store holds
// advisories for in that release, each at an old version so most stretches apply, padded with
// names no advisory mentions (most packages of a real machine), then times the matcher over it.
// Prints the median and "MATCH ms=… packages_per_s=… findings=…".
var storePath = args[0];
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 15;

var names = new List<string>();
using (var connection = new SqliteConnection($"Data Source={storePath};Mode=ReadOnly"))
{
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT DISTINCT package FROM affected WHERE ecosystem = 'almalinux' AND release = '9' ORDER BY package";
    using var reader = command.ExecuteReader();
    while (reader.Read())
    {
        names.Add(reader.GetString(0));
    }
}

var packages = Enumerable.Range(0, count).Select(i =>
{
    var name = i < names.Count ? names[i] : $"unlisted-package-{i}";
    var package = new InstalledPackage { Type = "rpm", Name = name, Version = "0.1-1.el9", Epoch = 0, Arch = "x86_64", Location = "/var/lib/rpm/rpmdb.sqlite" };
    return new InventoryPackage(package, $"pkg:rpm/almalinux/{name}@0.1-1.el9");
}).ToList();
var inventory = new InventoryResult(new OperatingSystemInfo("almalinux", "AlmaLinux", "9.4", "9.4", null, "/etc/os-release"), packages, []);

var times = new List<double>();
var findings = 0;
for (var run = 0; run < runs + 1; run++)
{
    // A fresh store each run: nothing remembered from the previous one, as in a new scan.
    using var store = AdvisoryStore.Open(storePath);
    var clock = Stopwatch.StartNew();
    findings = VulnerabilityMatcher.Match(inventory, store).Findings.Count;
    if (run > 0)
    {
        times.Add(clock.Elapsed.TotalMilliseconds);
    }
}

times.Sort();
var median = times[times.Count / 2];
Console.WriteLine($"{count} packages ({Math.Min(count, names.Count)} with advisories), {findings} findings, median {median:0.0} ms over {runs} runs");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MATCH ms={median:0.0} packages_per_s={count / median * 1000:0} findings={findings}"));
