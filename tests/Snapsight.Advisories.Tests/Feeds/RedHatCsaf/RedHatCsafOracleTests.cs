using Snapsight.Advisories.Feeds.RedHatCsaf;
using Snapsight.Advisories.Model;
using Snapsight.Disk.Tests.Support;

namespace Snapsight.Advisories.Tests.Feeds.RedHatCsaf;

/// <summary>
/// Every Red Hat CSAF advisory and VEX document in the shared data, walked independently by
/// python3's json module under the documented rules, must give the same set of
/// (record, aliases, release, package, module, fixed, status, severity) as ours.
/// </summary>
public sealed class RedHatCsafOracleTests
{
    private const string Script = """
        import json, re, sys
        from urllib.parse import unquote
        ARCHES = {'src', 'noarch', 'x86_64', 'i686', 'i386', 'aarch64', 'ppc64le', 'ppc64', 's390x', 's390'}
        WORDS = {'critical': 'Critical', 'important': 'High', 'high': 'High', 'moderate': 'Medium', 'medium': 'Medium', 'low': 'Low'}
        def evr(epoch, vr):
            return vr if epoch in (None, '', '0') else epoch + ':' + vr
        def stream(m):
            p = m.split(':')
            return p[0] + ':' + p[1] if len(p) >= 2 and p[0] and p[1] else None
        def from_purl(purl):
            m = re.fullmatch(r'pkg:rpm/(?:[^/?]*/)*([^/@?]+)(?:@([^?]*))?(?:\?(.*))?', purl)
            if not m:
                return None
            q = dict(kv.split('=', 1) if '=' in kv else (kv, '') for kv in (m.group(3) or '').split('&'))
            version = unquote(m.group(2)) if m.group(2) is not None else None
            return unquote(m.group(1)), None if version is None else evr(unquote(q.get('epoch', '')), version), stream(unquote(q['rpmmod'])) if 'rpmmod' in q else None
        def from_id(ref):
            module = None
            if '::' in ref:
                ref, mod = ref.split('::', 1)
                module = stream(mod)
            m = re.fullmatch(r'(.+)-([^-:]*):(.+)', ref)
            if not m:
                return ref, None, module
            vr = m.group(3)
            head, _, arch = vr.rpartition('.')
            if head and arch in ARCHES:
                vr = head
            return m.group(1), evr(m.group(2), vr), module
        def release(cpe):
            m = re.fullmatch(r'cpe:/[oa]:redhat:enterprise_linux:(\d{1,4})([.:].*)?', cpe or '')
            return m.group(1) if m else None
        def helpers(tree):
            out = {}
            def add(p):
                h = p.get('product_identification_helper') or {}
                out[p['product_id']] = (h.get('cpe'), h.get('purl'))
            def walk(bs):
                for b in bs:
                    if 'product' in b:
                        add(b['product'])
                    walk(b.get('branches') or [])
            walk(tree.get('branches') or [])
            for p in tree.get('full_product_names') or []:
                add(p)
            return out
        def products(tree):
            h = helpers(tree)
            out = {}
            for r in tree.get('relationships') or []:
                if r.get('category') != 'default_component_of' or r.get('relates_to_product_reference') not in h:
                    continue
                rel = release(h[r['relates_to_product_reference']][0])
                if rel is None:
                    continue
                purl = h.get(r['product_reference'], (None, None))[1]
                rpm = from_purl(purl) if purl else from_id(r['product_reference'])
                if rpm:
                    out[r['full_product_name']['product_id']] = (rel,) + rpm
            return out
        def ranges(v, prods):
            sev = {}
            for t in v.get('threats') or []:
                if t.get('category') == 'impact':
                    for p in t.get('product_ids') or []:
                        sev[p] = t.get('details')
            rem = {}
            for r in v.get('remediations') or []:
                d = (r.get('details') or '').strip()
                s = {'Will not fix': 'WillNotFix', 'Out of support scope': 'EndOfLife', 'Fix deferred': 'FixDeferred'}.get(d)
                if s is None and r.get('category') == 'no_fix_planned':
                    s = 'WillNotFix'
                if s and r.get('category') in ('none_available', 'no_fix_planned'):
                    for p in r.get('product_ids') or []:
                        rem[p] = s
            st = v.get('product_status') or {}
            for lst, f in (('fixed', lambda i, p: 'Fixed' if p[2] else None), ('known_affected', lambda i, p: rem.get(i, 'Affected')), ('under_investigation', lambda i, p: 'UnderInvestigation')):
                for i in st.get(lst) or []:
                    if i in prods and f(i, prods[i]):
                        rel, name, version, module = prods[i]
                        status = f(i, prods[i])
                        yield (rel, name, module or '-', version if status == 'Fixed' else '-', status, WORDS.get((sev.get(i) or '').strip().lower(), 'Unknown'))
        for path in sys.argv[1:]:
            with open(path, encoding='utf-8') as f:
                d = json.load(f)
            if 'csaf_version' not in (d.get('document') or {}):
                continue
            doc = d['document']
            prods = products(d.get('product_tree') or {})
            vulns = d.get('vulnerabilities') or []
            if doc.get('category') == 'csaf_vex':
                for v in vulns:
                    alias = '' if v['cve'] == doc['tracking']['id'] else doc['tracking']['id']
                    for r in set(ranges(v, prods)):
                        print('\t'.join((v['cve'], alias) + r))
            else:
                aliases = ','.join(v['cve'] for v in vulns)
                for r in set(x for v in vulns for x in ranges(v, prods)):
                    print('\t'.join((doc['tracking']['id'], aliases) + r))
        """;

    private static string[] Documents() =>
        [.. Directory.EnumerateFiles(SharedData.Path("advisories", "redhat"), "*.json", SearchOption.AllDirectories)
            .Where(path => RedHatCsafFeedFormat.Instance.Recognises(FeedRecognitionTests.Head(path)))
            .Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Every_document_reads_as_python_walks_it()
    {
        var documents = Documents();
        Assert.Equal(14, documents.Length);
        var ours = new List<string>();
        foreach (var path in documents)
        {
            var sink = await RecordingSink.ReadFileAsync(RedHatCsafFeedFormat.Instance, path);
            Assert.Empty(sink.Skips);
            ours.AddRange(sink.Advisories.SelectMany(Lines));
        }

        var expected = Tool.Run("python3", ["-c", Script, .. documents], null, null).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(expected.Length > 150, $"only {expected.Length} ranges");
        Assert.Equal(expected.Order(StringComparer.Ordinal), ours.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> Lines(AdvisoryRecord record) =>
        record.Affected.Select(range => string.Join('\t',
            record.Vulnerability.Id,
            string.Join(',', record.Vulnerability.Aliases),
            range.Scope.Release,
            range.Package,
            range.Module ?? "-",
            range.Fixed ?? "-",
            range.Status.ToString(),
            range.Severity.ToString()));
}
