using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Snapsight.Server.Tests.EndToEnd;

namespace Snapsight.Server.Tests.WebConsole;

/// <summary>
/// Each finding's evidence on the scanned AlmaLinux asset, checked against what nobody here wrote:
/// the package and version against <c>rpm -qa</c> of the fleet builder's database, each matched
/// advisory against its record in the OSV archive the demo imported, and the version's place below
/// the fix by rpm's own comparison. Then the console shows the same evidence and remediation.
/// </summary>
public sealed partial class ConsoleFlowTests
{
    [Fact]
    public async Task Findings_carry_evidence_that_the_rpm_database_and_the_advisories_confirm()
    {
        var alma = ConsoleFixture.Items(await console.ApiGetAsync("api/v1/assets?os=almalinux")).Single();
        var findings = ConsoleFixture.Items(await console.ApiGetAsync($"api/v1/assets/{alma["id"]}/findings?limit=500"));
        Assert.NotEmpty(findings);
        var rpmQa = File.ReadAllLines(Path.Combine(DemoFleet.Images.Folder, "alma-legacy.rpm-qa.tsv"))
            .Select(l => l.Split('\t')).ToDictionary(l => l[0], l => l[1], StringComparer.Ordinal);
        var advisories = await OsvRecordsAsync(findings.SelectMany(f => f["evidence"]!["advisories"]!.AsArray())
            .Select(m => AdvisoryId((string)m!["advisory"]!)).ToHashSet(StringComparer.Ordinal));

        foreach (var f in findings)
        {
            var e = f["evidence"]!;
            var name = (string)e["packageName"]!;
            Assert.Equal((string)f["packageName"]!, name);
            Assert.Equal("rpm", (string)e["packageType"]!);
            Assert.Equal("var/lib/rpm/rpmdb.sqlite", ((string)e["location"]!).TrimStart('/'));
            // rpm -qa printed EPOCHNUM:VERSION-RELEASE; the installed version leaves the epoch out, the looked-up one keeps a real one.
            var epochVersion = rpmQa[name];
            var versionRelease = epochVersion[(epochVersion.IndexOf(':', StringComparison.Ordinal) + 1)..];
            Assert.Equal(versionRelease, (string)e["installedVersion"]!);
            Assert.Equal(name, (string)e["matchedName"]!);
            Assert.Equal(epochVersion.StartsWith("0:", StringComparison.Ordinal) ? versionRelease : epochVersion, (string)e["matchedVersion"]!);

            var matches = e["advisories"]!.AsArray();
            Assert.NotEmpty(matches);
            foreach (var m in matches)
            {
                var id = AdvisoryId((string)m!["advisory"]!);
                Assert.Equal($"osv:AlmaLinux {id}", (string)m["advisory"]!);
                // The record names this package in AlmaLinux 9 and fixes it in exactly the version the match says.
                var fixes = advisories[id]["affected"]!.AsArray()
                    .Where(a => (string)a!["package"]!["name"]! == name && (string)a["package"]!["ecosystem"]! == "AlmaLinux:9")
                    .SelectMany(a => a!["ranges"]!.AsArray().SelectMany(r => r!["events"]!.AsArray()))
                    .Select(ev => (string?)ev!["fixed"]).OfType<string>().ToList();
                Assert.Contains((string)m["fixed"]!, fixes);
                // AlmaLinux's records start every range at "0": the fix is the only bound.
                Assert.Contains((string?)m["introduced"], new[] { null, "0" });
                Assert.Equal($"< {m["fixed"]}", (string)m["constraint"]!);
                Assert.True(RpmVercmp((string)e["matchedVersion"]!, (string)m["fixed"]!) < 0, $"{name} {e["matchedVersion"]} is not below {m["fixed"]}");
                var names = f["aliases"]!.AsArray().Select(a => (string)a!).Append((string)f["vulnerabilityId"]!).ToHashSet();
                Assert.Contains(id, names);
            }
        }

        // The console: the asset's findings show the same evidence under each id, and the remediation beside it.
        var page = await console.NewPageAsync();
        await page.GotoAsync("/console/sign-in");
        await SignInAsync(page, "admin", console.Demo.Password);
        await page.GotoAsync($"/console/assets/{alma["id"]}?tab=findings");
        var first = findings.First(f => (string?)f["remediation"] is not null);
        var row = page.Locator("table tbody tr", new() { HasText = (string)first["vulnerabilityId"]! })
            .Filter(new() { HasText = (string)first["packageName"]! }).First;
        await row.GetByText("Evidence").ClickAsync();
        var shown = await row.InnerTextAsync();
        Assert.Contains("var/lib/rpm/rpmdb.sqlite", shown, StringComparison.Ordinal);
        foreach (var m in first["evidence"]!["advisories"]!.AsArray())
        {
            Assert.Contains($"{m!["advisory"]}: vulnerable {m["constraint"]}", shown, StringComparison.Ordinal);
        }

        Assert.Contains((string)first["remediation"]!, shown, StringComparison.Ordinal);
        await PageChecks.CheckAndShootAsync(page, "finding-evidence");
        await page.Context.CloseAsync();
    }

    private static string AdvisoryId(string advisory) => advisory[(advisory.LastIndexOf(' ') + 1)..];

    /// <summary>The OSV records of the AlmaLinux 9 advisories named, read from the archive the demo imported.</summary>
    private static async Task<Dictionary<string, JsonNode>> OsvRecordsAsync(HashSet<string> ids)
    {
        var records = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        await using var gzip = new GZipStream(File.OpenRead(DemoFleet.AlmaLinuxAdvisories), CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            if (entry.DataStream is { } data && entry.Name.StartsWith("advisories/almalinux9/", StringComparison.Ordinal)
                && ids.Contains(Path.GetFileNameWithoutExtension(entry.Name)))
            {
                var record = (await JsonNode.ParseAsync(data))!;
                records[(string)record["id"]!] = record;
            }
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), records.Keys.Order(StringComparer.Ordinal));
        return records;
    }

    /// <summary>rpm's own version comparison (rpm.vercmp in its Lua): -1, 0 or 1.</summary>
    private static int RpmVercmp(string a, string b)
    {
        using var rpm = Process.Start(new ProcessStartInfo("rpm", ["--eval", $"%{{lua: print(rpm.vercmp(\"{a}\", \"{b}\"))}}"])
        {
            RedirectStandardOutput = true,
        })!;
        var output = rpm.StandardOutput.ReadToEnd();
        rpm.WaitForExit();
        return int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
