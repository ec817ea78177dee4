namespace Snapsight.Disk.Tests.Support;

/// <summary>The real test data in <c>../shared/data</c>, beside the repository (read in place, never copied in).</summary>
public static class SharedData
{
    public static string Root { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(DebianImages.RepositoryRoot, "..", "shared", "data"));

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
