using Snapsight.Compliance.Oval.Evaluation;

namespace Snapsight.Compliance.Oval.Probes;

internal static class RequiredEntities
{
    /// <summary>An entity the object's schema requires; content without it is malformed, and the object fails.</summary>
    public static ObjectEntity Required(this ProbeRequest request, string name) =>
        request.Entity(name) ?? throw new OvalProbeException($"the object has no {name}");
}
