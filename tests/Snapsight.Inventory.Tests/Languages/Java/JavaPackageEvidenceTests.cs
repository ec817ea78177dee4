using System.Text;
using Snapsight.Inventory.Languages.Java;

namespace Snapsight.Inventory.Tests.Languages.Java;

/// <summary>
/// The weaker evidence, one case per line: manifest attributes as the JAR File Specification
/// writes them (72-byte lines continued by one space), and names of the form artifact-version.
/// </summary>
public sealed class JavaPackageEvidenceTests
{
    private static string? FromManifest(string text) =>
        JavaPackageEvidence.FromManifest(JarManifest.ParseMainAttributes(Encoding.UTF8.GetBytes(text)), "/x.jar") is { } p ? $"{p.Name}@{p.Version}" : null;

    [Theory]
    [InlineData("Implementation-Title: lib\nImplementation-Version: 1.0\n", "lib@1.0")]
    [InlineData("Implementation-Title: lib\r\nImplementation-Version: 1.0\r\nImplementation-Vendor-Id: org.example\r\n", "org.example:lib@1.0")]
    [InlineData("Bundle-SymbolicName: org.example.lib;singleton:=true\nBundle-Version: 2.0.0.v2024\n", "org.example.lib@2.0.0.v2024")]
    [InlineData("Implementation-Title: Apache Commons IO\nBundle-SymbolicName: org.apache.commons.io\nImplementation-Version: 2.11.0\n", "org.apache.commons.io@2.11.0")]
    [InlineData("Implementation-Title: a-very-long-artifact-name-that-the-writer-wrapped-at-seventy\n -two-bytes\nImplementation-Version: 1\n", "a-very-long-artifact-name-that-the-writer-wrapped-at-seventy-two-bytes@1")]
    [InlineData("Implementation-Title: lib\n\nName: section\nImplementation-Version: 9\n", null)]
    [InlineData("Implementation-Title: lib\n", null)]
    [InlineData("Implementation-Version: 1.0\n", null)]
    public void Manifest_main_attributes_name_a_package(string manifest, string? expected) =>
        Assert.Equal(expected, FromManifest(manifest));

    [Theory]
    [InlineData("commons-io-2.11.0.jar", "commons-io@2.11.0")]
    [InlineData("app-1.0-SNAPSHOT.WAR", "app@1.0-SNAPSHOT")]
    [InlineData("slf4j-api.jar", null)]
    [InlineData("-1.0.jar", null)]
    [InlineData("lib-.jar", null)]
    public void File_names_name_a_package(string fileName, string? expected) =>
        Assert.Equal(expected, JavaPackageEvidence.FromFileName(fileName, "/x") is { } p ? $"{p.Name}@{p.Version}" : null);

    [Fact]
    public void Pom_properties_need_all_three_coordinates()
    {
        Assert.NotNull(JavaPackageEvidence.FromPomProperties(PomProperties.Parse("groupId = g\nartifactId: a\nversion=1\n"u8), "/x"));
        Assert.Null(JavaPackageEvidence.FromPomProperties(PomProperties.Parse("groupId=g\nartifactId=a\n#version=1\n"u8), "/x"));
    }
}
