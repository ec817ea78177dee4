namespace Snapsight.Inventory.Languages.Python;

/// <summary>
/// What a METADATA or PKG-INFO header says: null where a field is absent. <see cref="Problem"/>
/// names damage that cut the header short; the fields read before it are still given.
/// </summary>
internal sealed record PythonMetadata(string? Name, string? Version, string? Licence, string? Problem);
