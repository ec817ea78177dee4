namespace Snapsight.Compliance.Oval.Evaluation;

/// <summary>
/// Collects the items of one OVAL object type from a file tree. A probe never throws for what
/// it finds on the disk: damage or a file too large gives <see cref="CollectedObject.Failed"/>.
/// </summary>
public interface IOvalProbe
{
    /// <summary>The object type it answers, e.g. <c>textfilecontent54_object</c> in family <c>independent</c>.</summary>
    OvalTypeName ObjectType { get; }

    Task<CollectedObject> CollectAsync(ProbeRequest request, ProbeContext context, CancellationToken cancellationToken);
}
