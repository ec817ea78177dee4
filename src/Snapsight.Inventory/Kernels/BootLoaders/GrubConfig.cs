namespace Snapsight.Inventory.Kernels.BootLoaders;

/// <summary>
/// What GRUB's grub.cfg says about the menu: the top-level entries in order (submenus holding
/// theirs), every value <c>set default=</c> assigns outside an entry, in order, where a
/// <c>blscfg</c> command inserts the Boot Loader Specification entries (an index into
/// <see cref="Entries"/>), and the problems met.
/// </summary>
internal sealed record GrubConfig(
    IReadOnlyList<BootMenuEntry> Entries,
    IReadOnlyList<string> DefaultAssignments,
    int? BlsInsertAt,
    IReadOnlyList<string> Problems);
