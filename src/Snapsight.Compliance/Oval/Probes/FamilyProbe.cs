using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Compliance.Oval.Probes;

/// <summary>
/// family_object: the family of the operating system. A tree with /etc and /usr (or /bin) is a
/// Unix-like system, which is what OpenSCAP answers on Linux; a tree without either is not
/// one this scanner reads as an operating system, and its family is "undefined".
/// </summary>
internal sealed class FamilyProbe : IOvalProbe
{
    public OvalTypeName ObjectType { get; } = new("family_object", "independent");

    public Task<CollectedObject> CollectAsync(ProbeRequest request, ProbeContext context, CancellationToken cancellationToken) =>
        ProbeGuard.RunAsync(request, async () =>
        {
            var etc = await context.Tree.StatAsync("/etc", followFinalSymlink: true, cancellationToken).ConfigureAwait(false);
            var usr = await context.Tree.StatAsync("/usr", followFinalSymlink: true, cancellationToken).ConfigureAwait(false)
                ?? await context.Tree.StatAsync("/bin", followFinalSymlink: true, cancellationToken).ConfigureAwait(false);
            var unix = etc is { Node.Type: FileType.Directory } && usr is { Node.Type: FileType.Directory };
            var item = new ItemEntities().Add("family", unix ? "unix" : "undefined").ToItem(unix ? "/etc and /usr are directories" : "no /etc or no /usr");
            return CollectedObject.Found([item]);
        });
}
