using System.Net;

namespace Snapsight.Server.Tests.Tenancy;

/// <summary>
/// How one operation is tried by tenant A's admin against tenant B, and what proves that A got
/// nothing of B's. After every probe the test also checks that B's rows and B's own view of its
/// lists are exactly as before, so a probe only has to say what A's answer must be.
/// In paths, <c>{parameter}</c> is filled from <see cref="Ids"/>; in bodies and queries,
/// <c>&lt;EntityName&gt;</c> (e.g. <c>&lt;SubscriptionToken&gt;</c>) becomes the key of one of B's rows of that type.
/// </summary>
public abstract record IsolationProbe
{
    private static readonly HttpStatusCode[] NotYours = [HttpStatusCode.NotFound, HttpStatusCode.Forbidden];

    /// <summary>Which of B's rows fill the path's parameters.</summary>
    public IReadOnlyList<IsolationId> Ids { get; init; } = [];

    /// <summary>A JSON body, with placeholders for B's keys; null sends none.</summary>
    public string? Body { get; init; }

    /// <summary>Whether B reads this back before and after each probe to see that its own view did not change.</summary>
    public virtual bool IsReadBack => false;

    /// <summary>Needs no tenant at all, for the reason given.</summary>
    public static IsolationProbe Exempt(string reason) => new ExemptProbe(reason);

    /// <summary>The caller's own subscription: A's answer names A and nothing of B.</summary>
    public static IsolationProbe OwnSubscription() => new OwnSubscriptionProbe();

    /// <summary>A collection: A's answer holds nothing of B's. The query may name B's rows (then 400 or 404 are fine too).</summary>
    public static IsolationProbe Lists(string? query = null) => new ListProbe(query);

    /// <summary>One of B's objects named in the path: 404 or 403, and nothing of B's in the answer.</summary>
    public static IsolationProbe ReadsOne(params IsolationId[] ids) => new AimedAtBProbe { Ids = ids };

    /// <summary>A change aimed at B's object (in the path or the body): 404 or 403, and B unchanged.</summary>
    public static IsolationProbe Changes(string? body, params IsolationId[] ids) => new AimedAtBProbe { Body = body, Ids = ids };

    /// <summary>
    /// A bulk change naming B's objects in the body (<c>&lt;Entity&gt;</c>) and answering per object: each
    /// of B's must come back as NotFound, exactly as an id that does not exist would.
    /// </summary>
    public static IsolationProbe ChangesEach(string body) => new BulkProbe { Body = body };

    /// <summary>Something new in the caller's own subscription: whatever A gets, B is unchanged and nothing of B's comes back.</summary>
    public static IsolationProbe Creates(string body) => new CreateProbe { Body = body };

    /// <summary>
    /// The caller's own one-of-a-kind object (the service account), which no path or body can aim elsewhere:
    /// whatever A gets (200, 204, 404), B is unchanged and nothing of B's comes back. A read is also read back by B.
    /// </summary>
    public static IsolationProbe OwnObject(bool readBack) => new OwnObjectProbe(readBack);

    /// <summary>Sends the probe as A and adds to <paramref name="run"/>'s failures what disproves isolation.</summary>
    public abstract Task ProveAsync(string method, string path, IsolationRun run);

    public sealed record ExemptProbe(string Reason) : IsolationProbe
    {
        public override Task ProveAsync(string method, string path, IsolationRun run) => Task.CompletedTask;
    }

    public sealed record OwnSubscriptionProbe : IsolationProbe
    {
        public override bool IsReadBack => true;

        public override async Task ProveAsync(string method, string path, IsolationRun run)
        {
            var answer = await run.SendAsA(method, path, this);
            run.Expect(answer, [HttpStatusCode.OK]);
            run.Require(answer, answer.Text.Contains(run.A.SubscriptionId.ToString(), StringComparison.Ordinal), "does not name A's own subscription");
        }
    }

    public sealed record ListProbe(string? Query) : IsolationProbe
    {
        public override bool IsReadBack => true;

        public override async Task ProveAsync(string method, string path, IsolationRun run)
        {
            var answer = await run.SendAsA(method, Query is null ? path : $"{path}?{Query}", this);
            run.Expect(answer, Query?.Contains('<') == true ? [HttpStatusCode.OK, .. NotYours, HttpStatusCode.BadRequest] : [HttpStatusCode.OK]);
        }
    }

    /// <summary>Reads or changes B's object: the answer must not tell it apart from one that does not exist.</summary>
    public sealed record AimedAtBProbe : IsolationProbe
    {
        public override async Task ProveAsync(string method, string path, IsolationRun run) =>
            run.Expect(await run.SendAsA(method, path, this), NotYours);
    }

    public sealed record BulkProbe : IsolationProbe
    {
        public override async Task ProveAsync(string method, string path, IsolationRun run)
        {
            var answer = await run.SendAsA(method, path, this);
            run.Expect(answer, [HttpStatusCode.OK, .. NotYours]);
            run.Require(answer, answer.Status != HttpStatusCode.OK || answer.Text.Contains("\"NotFound\"", StringComparison.Ordinal),
                "does not answer B's objects as not found");
        }
    }

    public sealed record OwnObjectProbe(bool ReadBack) : IsolationProbe
    {
        public override bool IsReadBack => ReadBack;

        public override async Task ProveAsync(string method, string path, IsolationRun run) =>
            run.Expect(await run.SendAsA(method, path, this), [HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.NotFound]);
    }

    public sealed record CreateProbe : IsolationProbe
    {
        public override async Task ProveAsync(string method, string path, IsolationRun run)
        {
            var answer = await run.SendAsA(method, path, this);
            run.Require(answer, (int)answer.Status < 500, "is a server error");
        }
    }
}

/// <summary>A path parameter and the entity type whose B row's key fills it.</summary>
public sealed record IsolationId(string Parameter, Type Entity)
{
    public static IsolationId Of<T>(string parameter) => new(parameter, typeof(T));
}
