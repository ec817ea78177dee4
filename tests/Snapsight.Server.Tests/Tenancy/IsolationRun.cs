using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Snapsight.Server.Tests.Support;

namespace Snapsight.Server.Tests.Tenancy;

/// <summary>
/// One isolation run: tenant A probing, tenant B probed, B's rows as they were at the start, and
/// the failures found so far. Every answer A gets is searched for values only B's rows hold.
/// </summary>
public sealed partial class IsolationRun(TestTenant a, TestTenant b, TenantRows bRows, IReadOnlySet<string> bOnlyValues)
{
    private readonly List<string> failures = [];

    public TestTenant A { get; } = a;

    public TestTenant B { get; } = b;

    public IReadOnlyList<string> Failures => failures;

    /// <summary>Which of B's rows fills the probe's first path parameter: each one is aimed at in turn.</summary>
    public int Target { get; set; }

    /// <summary>How many of B's rows the probe's first path parameter can name (one when it has none).</summary>
    public int TargetsOf(IsolationProbe probe) => probe.Ids is [var first, ..] ? bRows.Of(first.Entity).Count : 1;

    public void Fail(string operation, string problem) => failures.Add($"{operation}: {problem}");

    /// <summary>Sends the probe's request as A's admin, with B's keys filled in, and checks the answer for B's values.</summary>
    public Task<Answer> SendAsA(string method, string path, IsolationProbe probe) => SendAsync(A.Admin, method, path, probe, checkLeaks: true);

    /// <summary>The same request as B's admin, for reading B's own view back.</summary>
    public Task<Answer> SendAsB(string method, string path, IsolationProbe probe) => SendAsync(B.Admin, method, path, probe, checkLeaks: false);

    public void Expect(Answer answer, HttpStatusCode[] statuses) =>
        Require(answer, statuses.Contains(answer.Status),
            $"answered {(int)answer.Status}, expected {string.Join(" or ", statuses.Select(s => (int)s))}: {Shorten(answer.Text)}");

    public void Require(Answer answer, bool condition, string problem)
    {
        if (!condition)
        {
            Fail(answer.Operation, problem);
        }
    }

    private async Task<Answer> SendAsync(HttpClient client, string method, string path, IsolationProbe probe, bool checkLeaks)
    {
        var operation = $"{method} {path}";
        var url = FillPath(operation, path, probe).TrimStart('/');
        var body = probe.Body is null ? null : FillKeys(operation, probe.Body);
        using var request = new HttpRequestMessage(new HttpMethod(method), FillKeys(operation, url));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var answer = new Answer($"{operation} (sent {method} /{request.RequestUri})", response.StatusCode, await response.Content.ReadAsStringAsync());
        if (checkLeaks)
        {
            var sent = request.RequestUri + "\n" + body;
            var leaked = bOnlyValues.Where(v => !sent.Contains(v, StringComparison.Ordinal) && Readable(answer.Text).Contains(v, StringComparison.Ordinal)).ToList();
            Require(answer, leaked.Count == 0, $"A's answer holds B's {string.Join(", ", leaked)}");
            Require(answer, (int)answer.Status < 500, $"answered {(int)answer.Status}: {Shorten(answer.Text)}");
        }

        return answer;
    }

    private string FillPath(string operation, string path, IsolationProbe probe) =>
        PathParameter().Replace(path, match => probe.Ids.FirstOrDefault(id => id.Parameter == match.Groups[1].Value) is { } id
            ? bRows.IdOf(id.Entity, id == probe.Ids[0] ? Target : 0)
            : throw new InvalidOperationException(
                $"{operation}: the coverage entry says nothing about path parameter {match.Value}; give it, e.g. IsolationId.Of<Entity>(\"{match.Groups[1].Value}\")"));

    private string FillKeys(string operation, string text) =>
        KeyPlaceholder().Replace(text, match => bRows.EntityTypes.FirstOrDefault(t => t.Name == match.Groups[1].Value) is { } type
            ? bRows.IdOf(type, 0)
            : throw new InvalidOperationException($"{operation}: {match.Value} names no tenant-owned entity type"));

    /// <summary>The answer as sent plus every JSON string unescaped, so a value the serializer escaped (a '+') is still found.</summary>
    private static string Readable(string text)
    {
        try
        {
            return text + "\n" + string.Join('\n', Strings(JsonNode.Parse(text)));
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex PathParameter();

    [GeneratedRegex(@"<(\w+)>")]
    private static partial Regex KeyPlaceholder();

    /// <summary>What the server answered to one probe.</summary>
    public sealed record Answer(string Operation, HttpStatusCode Status, string Text);
}
