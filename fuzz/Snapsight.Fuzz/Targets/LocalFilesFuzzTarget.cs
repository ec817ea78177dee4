using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Snapsight.Cloud.Local;

namespace Snapsight.Fuzz.Targets;

/// <summary>
/// The local provider's hand-written JSON files, instance.json, snapshot.json and account.json: the
/// input read as each, the way the provider reads them (<see cref="LocalFileReader"/>). A refusal is
/// a <see cref="JsonException"/>; a file that is accepted must be usable, so it is written back and
/// read again and must come out the same. Anything else escaping, or a file changing on the way
/// round, is a bug.
/// </summary>
public sealed class LocalFilesFuzzTarget : IFuzzTarget
{
    /// <summary>The files, by name, as the provider finds them on disk.</summary>
    public static IReadOnlyList<string> Files { get; } = ["instance.json", "snapshot.json", "account.json"];

    public string Name => "local-files";

    public void Run(ReadOnlySpan<byte> input)
    {
        foreach (var file in Files)
        {
            _ = Refusal(file, input);
        }
    }

    /// <summary>Why <paramref name="input"/> is refused as <paramref name="file"/>, or null when it is a usable file.</summary>
    public static string? Refusal(string file, ReadOnlySpan<byte> input) => file switch
    {
        "instance.json" => RoundTrip(input, LocalJson.Default.LocalInstanceFile),
        "snapshot.json" => RoundTrip(input, LocalJson.Default.LocalSnapshotFile),
        "account.json" => RoundTrip(input, LocalJson.Default.LocalAccountFile),
        _ => throw new ArgumentOutOfRangeException(nameof(file), file, "not one of the local provider's files"),
    };

    private static string? RoundTrip<T>(ReadOnlySpan<byte> input, JsonTypeInfo<T> type) where T : class, ILocalFile
    {
        T read;
        try
        {
            read = LocalFileReader.Parse(input, type);
        }
        catch (JsonException refused)
        {
            return refused.Message;
        }

        var written = JsonSerializer.SerializeToUtf8Bytes(read, type);
        var again = JsonSerializer.SerializeToUtf8Bytes(LocalFileReader.Parse(written, type), type);
        return written.AsSpan().SequenceEqual(again)
            ? null
            : throw new InvalidOperationException($"a {typeof(T).Name} accepted, written and read again came out different");
    }
}
