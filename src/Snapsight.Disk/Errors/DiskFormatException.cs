namespace Snapsight.Disk;

/// <summary>
/// Bad on-disk data (an <see cref="IOException"/>, as InvalidDataException is sealed): the one exception family for hostile or corrupt input. It says which layer
/// (<c>qcow2</c>, <c>gpt</c>, <c>lvm:vg0/root</c>, <c>ext4</c>), which structure
/// (<c>ext4.superblock</c>) and where on the device the problem was found.
/// </summary>
public class DiskFormatException : IOException
{
    public DiskFormatException(string layer, string structure, long offset, string problem)
        : base($"{layer}: bad {structure} at offset {offset}: {problem}")
    {
        Layer = layer;
        Structure = structure;
        Offset = offset;
        Problem = problem;
    }

    public string Layer { get; }

    public string Structure { get; }

    public long Offset { get; }

    public string Problem { get; }
}
