using System.Text;
using Snapsight.Advisories.Feeds.Osv;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds.Osv;

/// <summary>
/// The oracle: python3's json module reads the same files and prints one TSV line per record
/// (R), affected entry (A) and range event (E); <see cref="Lines"/> prints ours the same way.
/// Python keeps only OSV-shaped files (an object with an id and an affected list).
/// </summary>
internal static class OsvOracle
{
    private const string Script = """
        import json, sys, tarfile
        def esc(s):
            return '-' if s is None else s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n')
        KINDS = ('introduced', 'fixed', 'last_affected', 'limit')
        def emit(name, d):
            if not (isinstance(d, dict) and 'id' in d and isinstance(d.get('affected'), list)):
                return
            print('\t'.join(['R', esc(name), esc(d['id']), ','.join(esc(a) for a in d.get('aliases') or [])]))
            for i, a in enumerate(d['affected']):
                p = a.get('package') or {}
                print('\t'.join(['A', esc(name), str(i), esc(p.get('ecosystem')), esc(p.get('name'))]))
                for j, r in enumerate(a.get('ranges') or []):
                    for k, e in enumerate(r.get('events') or []):
                        kind = [x for x in KINDS if x in e][0]
                        print('\t'.join(['E', esc(name), str(i), str(j), esc(r['type']), str(k), kind, esc(e[kind])]))
        if sys.argv[1] == 'tar':
            with tarfile.open(sys.argv[2], 'r:gz') as t:
                for m in t:
                    if m.isfile() and m.name.lower().endswith('.json'):
                        emit(m.name, json.load(t.extractfile(m)))
        else:
            for path in sys.argv[2:]:
                with open(path, 'rb') as f:
                    emit(path, json.load(f))
        """;

    public static string[] Python(params string[] arguments) =>
        Tool.Run("python3", ["-c", Script, .. arguments], null, null).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static IEnumerable<string> Lines(string name, OsvRecord record)
    {
        yield return string.Join('\t', "R", Escape(name), Escape(record.Id), string.Join(',', record.Aliases.Select(Escape)));
        for (var i = 0; i < record.Affected.Count; i++)
        {
            var affected = record.Affected[i];
            yield return string.Join('\t', "A", Escape(name), i, Escape(affected.Package?.Ecosystem), Escape(affected.Package?.Name));
            for (var j = 0; j < affected.Ranges.Count; j++)
            {
                var range = affected.Ranges[j];
                for (var k = 0; k < range.Events.Count; k++)
                {
                    var osvEvent = range.Events[k];
                    yield return string.Join('\t', "E", Escape(name), i, j, Escape(range.Type), k, KindName(osvEvent.Kind), Escape(osvEvent.Value));
                }
            }
        }
    }

    private static string KindName(OsvEventKind kind) => kind switch
    {
        OsvEventKind.Introduced => "introduced",
        OsvEventKind.Fixed => "fixed",
        OsvEventKind.LastAffected => "last_affected",
        _ => "limit",
    };

    private static string Escape(string? text) =>
        text is null ? "-" : new StringBuilder(text).Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").ToString();
}
