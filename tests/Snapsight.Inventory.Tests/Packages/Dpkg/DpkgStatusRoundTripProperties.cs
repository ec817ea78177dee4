using System.Text;
using CsCheck;
using Snapsight.Inventory.Packages.Dpkg;

namespace Snapsight.Inventory.Tests.Packages.Dpkg;

/// <summary>
/// Oracle 4: packages written as a status file in any field order, field-name case, spacing
/// and line ending read back as the same packages, with dpkg's defaults applied.
/// </summary>
public sealed class DpkgStatusRoundTripProperties
{
    private sealed record Written(string Name, int? Epoch, string Version, string? Arch, string? Source, string? SourceVersion, string Status);

    private static readonly Gen<string> Word = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 8];

    private static readonly Gen<Written> Package = Gen.Select(
        Word,
        Gen.Int[-1, 3],
        Gen.Select(Gen.Int[0, 99], Gen.Int[0, 9], Gen.Bool, (major, minor, revision) => revision ? $"{major}.{minor}-{minor + 1}" : $"{major}.{minor}"),
        Gen.OneOfConst<string?>(null, "amd64", "all", "i386"),
        Gen.OneOfConst<string?>(null, "srcpkg"),
        Gen.OneOfConst<string?>(null, "7.1-2"),
        Gen.OneOfConst("install ok installed", "hold ok installed", "deinstall ok config-files", "install reinstreq half-installed", "purge ok not-installed"),
        (name, epoch, version, arch, source, sourceVersion, status) =>
            new Written(name, epoch < 0 ? null : epoch, version, arch, source, sourceVersion, status));

    private static readonly string[] Spacings = ["", " ", "  ", "\t", " \t"];

    [Fact]
    public void Any_layout_reads_back_the_same_packages()
    {
        Gen.Select(Package.Array[0, 6], Gen.Int[0, int.MaxValue], Gen.Bool).Sample((packages, layoutSeed, crlf) =>
        {
            var layout = new Random(layoutSeed);
            var unique = packages.Select((p, i) => p with { Name = $"{p.Name}-{i}" }).ToArray();
            var newline = crlf ? "\r\n" : "\n";
            var text = string.Join(newline, unique.Select(p => Paragraph(p, layout, newline)));

            var result = DpkgStatusParser.Parse(Encoding.UTF8.GetBytes(text), "status");

            Assert.Empty(result.Problems);
            Assert.Equal(PackageRows.Sorted(unique.Where(p => p.Status != "purge ok not-installed").Select(ExpectedRow)), PackageRows.Dpkg(result.Packages));
        }, iter: 300);
    }

    private static string Paragraph(Written p, Random layout, string newline)
    {
        var version = p.Epoch is { } epoch ? $"{epoch}:{p.Version}" : p.Version;
        var fields = new List<(string Name, string Value)>
        {
            ("Package", p.Name),
            ("Status", p.Status),
            ("Version", version),
            ("Description", $"one line{newline} continued{newline} .{newline} more"),
            ("Depends", "libc6 (>= 2.36)"),
        };
        if (p.Arch is not null)
        {
            fields.Add(("Architecture", p.Arch));
        }

        if (p.Source is not null)
        {
            fields.Add(("Source", p.SourceVersion is null ? p.Source : $"{p.Source} ({p.SourceVersion})"));
        }

        var lines = fields.OrderBy(_ => layout.Next()).Select(field =>
        {
            var name = layout.Next(3) switch { 0 => field.Name.ToLowerInvariant(), 1 => field.Name.ToUpperInvariant(), _ => field.Name };
            return $"{name}:{Spaces(layout)}{field.Value}{Spaces(layout)}{newline}";
        });
        return string.Concat(lines);
    }

    private static string Spaces(Random layout) => Spacings[layout.Next(Spacings.Length)];

    private static string ExpectedRow(Written p)
    {
        var version = p.Epoch is { } epoch and > 0 ? $"{epoch}:{p.Version}" : p.Version;
        var sourceVersion = p.Source is not null && p.SourceVersion is not null ? p.SourceVersion : version;
        return string.Join('\t', p.Name, p.Status, version, p.Source ?? p.Name, sourceVersion, p.Arch ?? "");
    }
}
