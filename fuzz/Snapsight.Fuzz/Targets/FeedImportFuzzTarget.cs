using Snapsight.Advisories.Import;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// One file as <c>db import</c> takes it: unpacked if it is a zip, tar, gzip or zstd, each file
/// inside recognised by content (every format's Recognises) and read by the format that claims it.
/// </summary>
public sealed class FeedImportFuzzTarget : IFuzzTarget
{
    public string Name => "feed-import";

    public void Run(ReadOnlySpan<byte> input)
    {
        using var content = new MemoryStream(input.ToArray(), writable: false);
        ReadAllAsync(content).GetAwaiter().GetResult();
    }

    private static async Task ReadAllAsync(Stream content)
    {
        await foreach (var file in FeedInputs.EnumerateStreamAsync("fuzz", content))
        {
            await StoreImporter.ReadOneAsync(file, FeedFuzzRead.Discard, CancellationToken.None);
        }
    }
}
