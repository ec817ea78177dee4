using CsCheck;
using Snapsight.Disk;

namespace Snapsight.Fuzz.Tests;

/// <summary>
/// Keeps the fuzz harness honest between fuzzing campaigns: every target is listed, has a
/// unique name, and answers random input — bare, or behind its format's magic so the parser
/// gets past the first check — with nothing but a <see cref="DiskFormatException"/>.
/// </summary>
public sealed class FuzzTargetSmokeTests
{
    // Magic numbers that let random bytes reach each parser's deeper structures.
    private static readonly byte[][] Prefixes =
    [
        [],
        [0x51, 0x46, 0x49, 0xFB, 0, 0, 0, 2],              // qcow2 v2
        [0x51, 0x46, 0x49, 0xFB, 0, 0, 0, 3],              // qcow2 v3
        [0x1f, 0x8b, 0x08],                                // gzip (feed import)
        [0x28, 0xb5, 0x2f, 0xfd],                          // zstd frame (feed import)
        "PK\u0003\u0004"u8.ToArray(),                      // zip local header (feed import)
        "KDMV"u8.ToArray(),                               // VMDK sparse extent
        "vhdxfile"u8.ToArray(),                           // VHDX
        "conectix"u8.ToArray(),                           // VHD footer copy
        "XFSB"u8.ToArray(),                               // XFS superblock
        [0xEB, 0x58, 0x90, .."mkfs.fat"u8.ToArray()],     // FAT boot sector
        [0xEB, 0x52, 0x90, .."NTFS    "u8.ToArray()],     // NTFS boot sector
        "FILE0\u0000\u0003\u0000"u8.ToArray(),            // MFT record with a 3-entry update sequence at 0x30
        "LABELONE"u8.ToArray(),                           // LVM label
        [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1],                 // ELF, 64-bit little-endian
        [0x7F, 0x45, 0x4C, 0x46, 1, 2, 1],                 // ELF, 32-bit big-endian
        [0xFF, .." Go buildinf:"u8.ToArray(), 8, 2],      // Go 1.18+ build info
        [0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0, 8, 0],      // zip local file header, deflated
        "  s.version = Gem::Version.new(\""u8.ToArray(),  // gemspec assignment
        "{\"libraries\":{\"A/1\":{\"type\":"u8.ToArray(),  // deps.json library
        "{\"vulnerabilities\":[{\"cve\":{\"id\":"u8.ToArray(), // NVD page / KEV catalogue entry
        "cve,epss,percentile\nCVE-2024-1,"u8.ToArray(),     // EPSS scores
        "{\"p\":{\"CVE-1\":{\"releases\":{\"bookworm\":{\"status\":"u8.ToArray(), // Debian tracker release
        "distroversion: v3.18\npackages:\n- pkg:\n    name: a\n    secfixes:\n      1-r0:\n      - "u8.ToArray(), // secdb YAML
        "<updates><update><id>ALAS2-1</id><pkglist><package name=\""u8.ToArray(), // ALAS updateinfo
        "<ds:data-stream-collection xmlns:ds=\"http://scap.nist.gov/schema/scap/source/1.2\"><ds:component id=\""u8.ToArray(), // SCAP data stream
        "{\"subscriptionId\":\"s\",\"partition\":\"aws\",\"tags\":{\"all\":[\""u8.ToArray(), // template request (control inputs)
        "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9."u8.ToArray(), // access token header (control inputs)
        "{\"BlockSize\":524288,\"VolumeSize\":8,\"Blocks\":[{\"BlockIndex\":"u8.ToArray(), // EBS ListSnapshotBlocks page
        "{\"Version\":1,\"VolumeId\":\"vol-0123456789abcdef0\",\"LastScanned\":\"snap-"u8.ToArray(), // EBS block cache manifest
        "[{\"TypeName\":\"AWS:Application\",\"Entries\":[{\"Name\":\""u8.ToArray(), // SSM ListInventoryEntries answers
    ];

    public static TheoryData<string> Targets => new(FuzzTargets.All.Select(t => t.Name));

    [Fact]
    public void Every_target_has_a_distinct_name() =>
        Assert.Equal(FuzzTargets.All.Count, FuzzTargets.All.Select(t => t.Name).Distinct().Count());

    [Theory]
    [MemberData(nameof(Targets))]
    public void Random_input_gives_only_format_errors(string name)
    {
        var target = FuzzTargets.Find(name)!;
        Gen.Select(Gen.Int[0, Prefixes.Length - 1], Gen.Byte.Array[0, 16384])
            .Sample((prefix, body) =>
            {
                var input = Prefixes[prefix].Concat(body).ToArray();
                try
                {
                    target.Run(input);
                }
                catch (DiskFormatException)
                {
                    // the expected answer to bad input
                }
            }, iter: 300);
    }
}
