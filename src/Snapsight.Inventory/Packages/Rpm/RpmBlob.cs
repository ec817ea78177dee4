namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>
/// One header blob a backend found, or why it could not be read; <see cref="Offset"/> is where
/// it was found in the database file. Backends yield these so that one bad record is a problem
/// in the result rather than the end of the read.
/// </summary>
internal readonly record struct RpmBlob(ReadOnlyMemory<byte> Data, long Offset, PackageDatabaseException? Error)
{
    public static RpmBlob Failed(PackageDatabaseException error) => new(default, error.Offset, error);
}
