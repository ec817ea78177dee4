namespace Snapsight.Disk.BlockDevices;

/// <summary>
/// The read loop of a device that serves a read as consecutive runs, each from one place: an
/// image's extent, a logical volume's stripe chunk, a snapshot's block. A subclass serves the run
/// that starts at an offset; this base walks the read through the runs, refuses a run that does
/// not move it forward, and counts what was served. Stateless, so concurrent reads are safe as
/// long as the subclass's runs are.
/// </summary>
public abstract class SplitReadDevice : IBlockDevice
{
    public abstract long Length { get; }

    public abstract int BlockSize { get; }

    public ReadStatistics Statistics { get; } = new();

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var length = this.ClampToLength(offset, buffer.Length);
        var done = 0;
        while (done < length)
        {
            var position = offset + done;
            var served = await ReadRunAsync(position, buffer[done..length], cancellationToken).ConfigureAwait(false);
            // Every pass serves at least one byte, so the loop ends within `length` passes; a mapping that
            // serves nothing (or more than asked) is our bug, never to be looped on.
            if (served <= 0 || served > length - done)
            {
                throw new InvalidOperationException($"{GetType().Name}: the run at offset {position} served {served} of {length - done} bytes");
            }

            done += served;
        }

        Statistics.Record(done);
        return done;
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>A hint by default ignored: a subclass that can warm runs ahead of the reader overrides it.</summary>
    public virtual void Prefetch(long offset, long length)
    {
    }

    /// <summary>What these devices read from belongs to whoever opened them: by default nothing to release.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>
    /// Fills the start of <paramref name="destination"/> (never empty, inside the device) with the bytes at
    /// <paramref name="position"/>, up to the end of the run there or of the destination, whichever comes
    /// first; returns how many, at least one.
    /// </summary>
    protected abstract ValueTask<int> ReadRunAsync(long position, Memory<byte> destination, CancellationToken cancellationToken);
}
