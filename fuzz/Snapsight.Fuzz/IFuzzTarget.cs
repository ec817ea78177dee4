namespace Snapsight.Fuzz;

/// <summary>
/// One parser under fuzzing. <see cref="Run"/> feeds it arbitrary bytes; a
/// <see cref="Snapsight.Disk.DiskFormatException"/> is the expected answer to bad input, any
/// other exception, a hang or a crash is a bug.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The name given on the command line, e.g. "qcow2".</summary>
    string Name { get; }

    void Run(ReadOnlySpan<byte> input);
}
