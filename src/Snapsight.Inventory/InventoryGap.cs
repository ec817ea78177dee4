namespace Snapsight.Inventory;

/// <summary>Something the inventory could not tell, and why: a database it could not read, an OS it could not name.</summary>
public sealed record InventoryGap(string Where, string Reason);
