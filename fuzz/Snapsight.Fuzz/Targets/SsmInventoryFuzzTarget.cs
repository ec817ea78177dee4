using System.Text.Json;
using Snapsight.Cloud.Aws.Ssm;
using Snapsight.Cloud.Provider;
using Snapsight.Inventory;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// An instance's SSM inventory, which its owner controls: the input is a JSON array of ListInventoryEntries
/// answers as SSM sends them (TypeName, CaptureTime, Entries of string maps), decoded into the string maps the
/// AWS SDK hands the provider, made an <see cref="SsmInventory"/> (<see cref="SsmInventoryEntries"/>) and mapped
/// to the scanner's inventory (<see cref="SsmInventoryMapping"/>). A refusal is a <see cref="JsonException"/> (no
/// such answers) or a <see cref="CloudProviderException"/> with <see cref="CloudErrorCode.Corrupt"/>; a result
/// must have no more packages than entries and no text a store cannot take. Anything else is a bug.
/// </summary>
public sealed class SsmInventoryFuzzTarget : IFuzzTarget
{
    public const string InstanceId = "i-0123456789abcdef0";

    private const string ApplicationType = "AWS:Application";
    private const string InstanceInformationType = "AWS:InstanceInformation";

    public string Name => "ssm-inventory";

    public void Run(ReadOnlySpan<byte> input) => _ = Read(input);

    /// <summary>What <paramref name="input"/> gives: the inventory, or why it was refused.</summary>
    public static (InventoryResult? Result, string? Refusal) Read(ReadOnlySpan<byte> input)
    {
        List<InventoryPage?>? pages;
        try
        {
            pages = JsonSerializer.Deserialize<List<InventoryPage?>>(input);
        }
        catch (JsonException e)
        {
            return (null, "not ListInventoryEntries answers: " + e.Message);
        }

        if (pages is null)
        {
            return (null, "not ListInventoryEntries answers: null");
        }

        try
        {
            var applications = Entries(pages, ApplicationType);
            var inventory = SsmInventoryEntries.ToInventory(InstanceId, new SsmPlatform("", "", ""), Entries(pages, InstanceInformationType), applications,
                SsmInventoryEntries.CaptureTime(pages.Find(p => p?.TypeName == ApplicationType)?.CaptureTime));
            var result = SsmInventoryMapping.ToInventory(inventory);
            Check(result, applications.Count);
            return (result, null);
        }
        catch (CloudProviderException e) when (e.Code == CloudErrorCode.Corrupt)
        {
            return (null, e.Message);
        }
    }

    /// <summary>The entries of one inventory type over all pages; a null entry as the SDK would hold an empty one.</summary>
    private static List<IReadOnlyDictionary<string, string>> Entries(List<InventoryPage?> pages, string typeName) =>
        [.. pages.Where(p => p?.TypeName == typeName).SelectMany(p => p!.Entries ?? [])
            .Select(e => (IReadOnlyDictionary<string, string>)(e ?? new Dictionary<string, string>(StringComparer.Ordinal)))];

    private static void Check(InventoryResult result, int entries)
    {
        if (result.Packages.Count > entries)
        {
            throw new InvalidOperationException($"{result.Packages.Count} packages from {entries} entries");
        }

        var texts = result.Packages.SelectMany(p => new[] { p.Package.Name, p.Package.Version, p.Package.Arch, p.Package.SourceName, p.Package.Vendor, p.Purl })
            .Concat(result.Gaps.Select(g => g.Reason))
            .Concat(result.Os is { } os ? [os.Name, os.Version] : []);
        if (texts.FirstOrDefault(t => t is not null && !SsmText.IsClean(t)) is { } unclean)
        {
            throw new InvalidOperationException($"a result holds text a store cannot take: {SsmText.Printable(unclean)}");
        }
    }

    /// <summary>One ListInventoryEntries answer, as much of it as the provider reads.</summary>
    private sealed record InventoryPage(string? TypeName, string? CaptureTime, List<Dictionary<string, string>?>? Entries);
}
