using System.Buffers.Binary;
using CsCheck;
using Snapsight.Inventory.Languages.Java;

namespace Snapsight.Inventory.Tests.Languages.Java;

/// <summary>
/// A real war (Debian's jars nested in it) with a few bytes changed: reading it never throws,
/// and every package it still lists has a name, a version and a location inside the war (a
/// changed entry name can move a package to weaker evidence or another path, not invent data).
/// </summary>
public sealed class JavaArchiveMutationTests
{
    [Fact]
    public void A_mutated_war_reads_to_packages_and_gaps_only()
    {
        var war = File.ReadAllBytes(Path.Combine(JavaFixtures.Tree, "opt", "app", "app.war"));
        Assert.Equal(2, Read(war).Packages.Count);

        // Half the changes land in the central directory, where a byte steers the reader rather than the inflater.
        var directory = (int)BinaryPrimitives.ReadUInt32LittleEndian(war.AsSpan(JarBytes.EndRecord(war) + 16));
        Gen.Select(Gen.OneOf(Gen.Int[0, war.Length - 1], Gen.Int[directory, war.Length - 1]), Gen.Byte).Array[1, 8].Sample(changes =>
        {
            var mutated = (byte[])war.Clone();
            foreach (var (offset, value) in changes)
            {
                mutated[offset] = value;
            }

            var output = Read(mutated);

            Assert.All(output.Packages, p =>
            {
                Assert.False(string.IsNullOrEmpty(p.Name) || string.IsNullOrEmpty(p.Version));
                Assert.StartsWith("/opt/app/app.war", p.Location, StringComparison.Ordinal);
            });
        }, iter: 300);
    }

    private static Analyzers.AnalyzerOutput Read(byte[] archive)
    {
        using var stream = new MemoryStream(archive, writable: false);
        return JavaArchiveReader.ReadAsync(stream, "/opt/app/app.war", JavaArchiveLimits.Default, CancellationToken.None).GetAwaiter().GetResult();
    }
}
