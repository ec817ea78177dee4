namespace Snapsight.Inventory.Languages.Binaries;

/// <summary>
/// One section header as written: where its name is in the section-name table and where its
/// bytes are said to be. Nothing here is trusted yet; <see cref="ElfFile.ReadAsync"/> checks
/// the range against the file before reading.
/// </summary>
internal readonly record struct ElfSection(uint NameOffset, uint Type, ulong Address, ulong Offset, ulong Size);
