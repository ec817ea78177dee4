using Snapsight.Compliance.Oval;
using Snapsight.Compliance.Xccdf;

namespace Snapsight.Compliance.DataStreams;

/// <summary>
/// A SCAP 1.3 source data stream collection as read: its components, and for the first data
/// stream the benchmark its checklist points at and the OVAL documents the benchmark's checks
/// name, resolved through the checklist's catalog (href such as <c>ssg-debian11-oval.xml</c>).
/// Catalog entries that point outside the document (vendor CVE feeds by URL) are listed in
/// <see cref="RemoteByHref"/> and never fetched.
/// </summary>
public sealed record DataStreamCollection(
    string DataStreamId,
    IReadOnlyList<DataStreamComponent> Components,
    Benchmark Benchmark,
    IReadOnlyDictionary<string, OvalDefinitions> OvalByHref,
    IReadOnlyDictionary<string, string> RemoteByHref)
{
    /// <summary>The CPE dictionary's checks by CPE name: which OVAL definition tells whether the target is that platform.</summary>
    public IReadOnlyDictionary<string, CheckContentRef> CpeChecks { get; init; } = new Dictionary<string, CheckContentRef>();
}

/// <summary>A component by id and what it holds: <c>xccdf</c>, <c>oval</c>, <c>cpe-dictionary</c> or <c>other</c> (OCIL).</summary>
public sealed record DataStreamComponent(string Id, string Kind);
