namespace Snapsight.Inventory.Languages.Binaries;

/// <summary>One package of a cargo auditable list: "kind" is "runtime" (the default) or "build" (build scripts, proc macros).</summary>
internal sealed record CargoPackage(string Name, string Version, string Kind)
{
    public const string RuntimeKind = "runtime";
    public const string BuildKind = "build";
}
