using Snapsight.Compliance.Oval.Evaluation;
using Snapsight.Disk.FileSystems;

namespace Snapsight.Compliance.Oval.Probes.Files;

/// <summary>
/// symlink_object (unix): for each symbolic link the filepath names, the canonical path it leads
/// to inside the image (every link on the way followed, as realpath does). A name that is not a
/// link gives no item; a link whose target is missing or loops gives no item either, as
/// OpenSCAP reports a broken link as not existing.
/// </summary>
internal sealed class SymlinkProbe : IOvalProbe
{
    public OvalTypeName ObjectType { get; } = new("symlink_object", "unix");

    public Task<CollectedObject> CollectAsync(ProbeRequest request, ProbeContext context, CancellationToken cancellationToken) =>
        ProbeGuard.RunAsync(request, async () =>
        {
            var items = new List<OvalItem>();
            foreach (var file in await new FileLocator(context.Tree, cancellationToken).LocateAsync(request).ConfigureAwait(false))
            {
                if (file.Entry.Node.Type != FileType.Symlink)
                {
                    continue;
                }

                string? canonical;
                try
                {
                    canonical = await context.Tree.ResolveAsync(file.FilePath, cancellationToken).ConfigureAwait(false);
                }
                catch (SymlinkLoopException)
                {
                    canonical = null;
                }

                if (canonical is not null)
                {
                    items.Add(new ItemEntities().Add("filepath", file.FilePath).Add("canonical_path", canonical).ToItem($"{file.FilePath} -> {canonical}"));
                }
            }

            return CollectedObject.Found(items);
        });
}
