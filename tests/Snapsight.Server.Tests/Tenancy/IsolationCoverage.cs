using Snapsight.Control.Accounts;
using Snapsight.Control.Assets;
using Snapsight.Control.Results;
using Snapsight.Control.Scans;
using Snapsight.Control.Tenancy;
using Snapsight.Control.Tokens;

namespace Snapsight.Server.Tests.Tenancy;

/// <summary>
/// How every operation of the API is probed for tenant isolation: one entry per operation, keyed
/// "METHOD /path" exactly as the OpenAPI document writes it. A new endpoint fails
/// <see cref="TenantIsolationTests"/> until it has an entry here. Pick the probe kind:
/// <list type="bullet">
/// <item><c>Exempt("why")</c>: needs no tenant (sign-in, the API description).</item>
/// <item><c>OwnSubscription()</c>: answers about the caller's own subscription.</item>
/// <item><c>Lists()</c> / <c>Lists("connectorId=&lt;Connector&gt;")</c>: a collection, optionally filtered.</item>
/// <item><c>ReadsOne(IsolationId.Of&lt;Entity&gt;("id"))</c>: GET of one object named in the path.</item>
/// <item><c>Changes("{json}", IsolationId.Of&lt;Entity&gt;("id"))</c>: PUT, PATCH, DELETE or POST aimed at one object,
/// named in the path or in the body as <c>&lt;Entity&gt;</c>; send a body that would succeed on A's own object.</item>
/// <item><c>ChangesEach("{json}")</c>: a bulk change answering per object; B's come back as NotFound.</item>
/// <item><c>Creates("{json}")</c>: makes something new in the caller's own subscription.</item>
/// </list>
/// </summary>
public static class IsolationCoverage
{
    public static IReadOnlyDictionary<string, IsolationProbe> Table { get; } = new Dictionary<string, IsolationProbe>(StringComparer.Ordinal)
    {
        ["POST /auth"] = IsolationProbe.Exempt("sign-in comes before any tenant: the user name decides the subscription"),
        ["GET /api/v1/subscription"] = IsolationProbe.OwnSubscription(),
        ["POST /qas/subscription-token"] = IsolationProbe.Creates("""{"expiry": 600}"""),
        ["GET /api/v1/subscription-tokens"] = IsolationProbe.Lists(),
        ["DELETE /api/v1/subscription-tokens/{id}"] = IsolationProbe.Changes(null, IsolationId.Of<SubscriptionToken>("id")),
        // Changes the caller's own subscription: B must stay as it was.
        ["PATCH /api/v1/subscription"] = IsolationProbe.Creates("""{"scanIntervalHours": 48}"""),
        // The caller's own licence usage; it names no subscription, so it is checked like a list.
        ["GET /api/v1/licence"] = IsolationProbe.Lists(),
        ["GET /api/v1/assets"] = IsolationProbe.Lists(),
        ["GET /api/v1/assets/{id}"] = IsolationProbe.ReadsOne(IsolationId.Of<Asset>("id")),
        ["POST /api/v1/assets/{id}/activate"] = IsolationProbe.Changes(null, IsolationId.Of<Asset>("id")),
        ["POST /api/v1/assets/{id}/deactivate"] = IsolationProbe.Changes(null, IsolationId.Of<Asset>("id")),
        ["POST /api/v1/assets/{id}/scan"] = IsolationProbe.Changes(null, IsolationId.Of<Asset>("id")),
        ["POST /api/v1/assets/{id}/api-assessment"] = IsolationProbe.Changes(null, IsolationId.Of<Asset>("id")),
        ["POST /api/v1/assets/activate"] = IsolationProbe.ChangesEach("""{"ids": ["<Asset>"]}"""),
        ["GET /api/v1/users"] = IsolationProbe.Lists(),
        ["POST /api/v1/users"] = IsolationProbe.Creates("""{"username": "isolation-probe-user", "password": "a long probe password", "role": "reader"}"""),
        ["PATCH /api/v1/users/{id}"] = IsolationProbe.Changes("""{"role": "reader"}""", IsolationId.Of<User>("id")),
        ["DELETE /api/v1/users/{id}"] = IsolationProbe.Changes(null, IsolationId.Of<User>("id")),
        ["GET /api/v1/audit"] = IsolationProbe.Lists(),
        ["POST /api/v1/templates/service-account"] = IsolationProbe.Creates(
            """{"regions": ["eu-west-1"], "apiEndpoint": "https://snapsight.example.com"}"""),
        // B's connector named in the body: not found, exactly as a connector that does not exist, and its external ID nowhere.
        ["POST /api/v1/templates/target-account"] = IsolationProbe.Changes(
            """{"connectorId": "<Connector>", "serviceAccountId": "222222222222", "apiEndpoint": "https://snapsight.example.com"}"""),
        ["POST /api/v1/connectors"] = IsolationProbe.Creates(
            """{"name": "probe", "applications": ["Cspm"], "roleArn": "arn:aws:iam::222222222222:role/probe", "regions": ["eu-west-1"]}"""),
        ["GET /api/v1/connectors"] = IsolationProbe.Lists(),
        ["GET /api/v1/connectors/{id}"] = IsolationProbe.ReadsOne(IsolationId.Of<Connector>("id")),
        ["PATCH /api/v1/connectors/{id}"] = IsolationProbe.Changes("""{"description": "changed"}""", IsolationId.Of<Connector>("id")),
        ["DELETE /api/v1/connectors/{id}"] = IsolationProbe.Changes(null, IsolationId.Of<Connector>("id")),
        // A registration names an account id, never a subscription: the caller's own connectors are the only ones looked at.
        ["POST /conn/snapshot/v1.0/register-service-account"] = IsolationProbe.Creates(
            """{"accountId": "222222222222", "schedule": "rate(48 hours)", "tags": [{"tagKey": "env", "tagValue": "prod"}]}"""),
        ["POST /conn/snapshot/v1.0/register-target-account"] = IsolationProbe.Creates(
            """{"accountId": "222222222222", "roleArn": "arn:aws:iam::222222222222:role/probe", "regions": ["eu-west-1"]}"""),
        ["GET /api/v1/service-account"] = IsolationProbe.OwnObject(readBack: true),
        ["DELETE /api/v1/service-account"] = IsolationProbe.OwnObject(readBack: false),
        ["GET /api/v1/target-accounts"] = IsolationProbe.Lists(),
        // Filtered by B's asset: A may get an empty list, never B's findings.
        ["GET /api/v1/findings"] = IsolationProbe.Lists("assetId=<Asset>"),
        ["GET /api/v1/runs"] = IsolationProbe.Lists("assetId=<Asset>"),
        ["GET /api/v1/scans"] = IsolationProbe.Lists("assetId=<Asset>"),
        ["GET /api/v1/scans/{id}"] = IsolationProbe.ReadsOne(IsolationId.Of<ScanRun>("id")),
        ["GET /api/v1/assets/{id}/packages"] = IsolationProbe.ReadsOne(IsolationId.Of<Asset>("id")),
        ["GET /api/v1/assets/{id}/findings"] = IsolationProbe.ReadsOne(IsolationId.Of<Asset>("id")),
        ["GET /api/v1/assets/{id}/compliance"] = IsolationProbe.ReadsOne(IsolationId.Of<Asset>("id")),
        ["GET /api/v1/assets/{id}/runs"] = IsolationProbe.ReadsOne(IsolationId.Of<Asset>("id")),
        ["GET /api/v1/assets/{id}/runs/{runId}/diff"] = IsolationProbe.ReadsOne(IsolationId.Of<StoredRun>("runId"), IsolationId.Of<Asset>("id")),
        ["GET /api/v1/assets/{id}/sbom"] = IsolationProbe.ReadsOne(IsolationId.Of<Asset>("id")),
        ["GET /api/v1/assets/{id}/assessments"] = IsolationProbe.ReadsOne(IsolationId.Of<Asset>("id")),
        ["GET /api/v1/target-accounts/{id}"] = IsolationProbe.ReadsOne(IsolationId.Of<TargetAccount>("id")),
        ["DELETE /api/v1/target-accounts/{id}"] = IsolationProbe.Changes(null, IsolationId.Of<TargetAccount>("id")),
        // An event names an account id, never a subscription: only the caller's own registered target accounts are looked at.
        ["POST /api/v1/events/instance"] = IsolationProbe.Creates(
            """{"account": "222222222222", "region": "eu-west-1", "detail": {"instance-id": "i-0123456789abcdef0", "state": "running"}}"""),
    };

    /// <summary>
    /// Routes the OpenAPI document leaves out on purpose, with the reason. Any other mapped route
    /// missing from the document fails the test: leaving an endpoint out of the description must not
    /// leave it out of the isolation probes.
    /// </summary>
    private const string ConsolePage = "a web console page (HTML over the console cookie), not an API operation";

    public static IReadOnlyDictionary<string, string> NotDocumented { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GET /openapi/{documentName}.json"] = "the OpenAPI document itself: anonymous, the same for everyone",
        // The web console's pages (docs/console.md): HTML for a browser, not API operations. Each reads through the
        // same tenant-filtered queries as the API operations probed above; ConsoleIsolationTests probes them as A against B.
        ["* /console/sign-in"] = ConsolePage,
        ["* /console/sign-out"] = ConsolePage,
        ["* /console"] = ConsolePage,
        ["* /console/assets"] = ConsolePage,
        ["* /console/assets/{id}"] = ConsolePage,
        ["* /console/findings"] = ConsolePage,
        ["* /console/tokens"] = ConsolePage,
        ["* /console/scans"] = ConsolePage,
        ["* /console/audit"] = ConsolePage,
        ["* /console/accounts"] = ConsolePage,
        ["* /console/users"] = ConsolePage,
        ["* /console/connectors"] = ConsolePage,
        ["* /console/connectors/new"] = ConsolePage,
        ["* /console/connectors/{id}"] = ConsolePage,
        ["* /console/templates"] = ConsolePage,
        ["* /console/service-account"] = ConsolePage,
        ["* /console/target-accounts/new"] = ConsolePage,
        ["* /console/target-accounts/{id}"] = ConsolePage,
    };
}
