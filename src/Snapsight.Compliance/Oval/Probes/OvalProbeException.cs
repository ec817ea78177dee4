namespace Snapsight.Compliance.Oval.Probes;

/// <summary>
/// What stops a probe from answering for one object: a file over its size limit, a walk over
/// its bounds, damaged input. The probe turns it into a failed collected object, never a throw.
/// </summary>
public sealed class OvalProbeException(string message) : Exception(message);
