namespace Snapsight.Inventory.Kernels.BootLoaders;

/// <summary>
/// The entry a boot loader boots by default, or null with <see cref="Problem"/> saying why it
/// cannot be told; <see cref="Notes"/> are caveats on an answer (a fallback the loader applies,
/// a one-time override).
/// </summary>
internal sealed record BootDefault(BootMenuEntry? Entry, string? Problem, IReadOnlyList<string> Notes)
{
    public static BootDefault Unknown(string problem, IReadOnlyList<string>? notes = null) => new(null, problem, notes ?? []);
}
