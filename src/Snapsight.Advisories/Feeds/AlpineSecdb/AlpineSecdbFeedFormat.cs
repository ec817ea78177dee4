using System.Text;
using Snapsight.Inventory.Packages;

namespace Snapsight.Advisories.Feeds.AlpineSecdb;

/// <summary>
/// Alpine's secdb (secdb.alpinelinux.org/vX.Y/{main,community}.json, and the YAML it was
/// published as before v3.12): per origin package, the versions that fixed each CVE. Recognised
/// by content: JSON whose top level has "distroversion" and "packages" (vuln-list-update's per-package files have no "packages"), or YAML
/// with top-level "distroversion:" and "packages:" lines.
/// </summary>
public sealed class AlpineSecdbFeedFormat : IFeedFormat
{
    public const string FormatName = "alpine-secdb";

    public static AlpineSecdbFeedFormat Instance { get; } = new();

    public string Name => FormatName;

    public bool Recognises(ReadOnlySpan<byte> head)
    {
        var body = ByteOrderMark.Skip(head);
        var start = body.TrimStart(" \t\r\n"u8);
        if (start.StartsWith("{"u8))
        {
            var names = JsonHead.TopLevelNames(body);
            return names.Contains("distroversion") && names.Contains("packages");
        }

        return IsYaml(body);
    }

    public async Task ReadAsync(Stream content, string origin, IFeedSink sink, CancellationToken cancellationToken)
    {
        var bytes = await FeedFiles.ReadCappedAsync(content, AlpineSecdbLimits.MaxFileBytes, Name, origin, cancellationToken).ConfigureAwait(false);
        var file = Read(bytes, origin);
        foreach (var (where, reason) in file.Skipped)
        {
            sink.Skipped(where, reason);
        }

        foreach (var advisory in AlpineSecdbMapper.Map(file))
        {
            sink.Add(advisory);
        }
    }

    /// <summary>One file, JSON or YAML by its first character.</summary>
    public static AlpineSecdbFile Read(ReadOnlyMemory<byte> bytes, string origin)
    {
        var body = ByteOrderMark.Skip(bytes);
        return body.Span.TrimStart(" \t\r\n"u8).StartsWith("{"u8)
            ? AlpineSecdbJsonReader.Read(body, origin)
            : AlpineSecdbYamlReader.Read(Encoding.UTF8.GetString(body.Span), origin);
    }

    /// <summary>Top-level "distroversion:" and "packages:" lines (in either order) within the head, before anything that is not YAML-like.</summary>
    private static bool IsYaml(ReadOnlySpan<byte> head)
    {
        var sawVersion = false;
        var sawPackages = false;
        foreach (var line in Encoding.UTF8.GetString(head).AsSpan().EnumerateLines())
        {
            if (line.Length > 0 && line[0] is '{' or '[' or '<')
            {
                return false;
            }

            sawVersion |= line.StartsWith("distroversion:", StringComparison.Ordinal);
            sawPackages |= line.StartsWith("packages:", StringComparison.Ordinal);
        }

        return sawVersion && sawPackages;
    }
}
