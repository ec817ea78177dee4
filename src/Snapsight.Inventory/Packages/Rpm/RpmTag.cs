namespace Snapsight.Inventory.Packages.Rpm;

/// <summary>
/// The header tags we read and their data types, as numbered in rpm's <c>include/rpm/rpmtag.h</c>
/// (<c>rpmTag_e</c> and <c>rpmTagType_e</c>). Region tags (61–63) mark the immutable region a
/// stored header carries (<c>lib/header.c</c>, <c>headerVerifyRegion</c>).
/// </summary>
public static class RpmTag
{
    public const int HeaderImage = 61;
    public const int HeaderSignatures = 62;
    public const int HeaderImmutable = 63;

    public const int Name = 1000;
    public const int Version = 1001;
    public const int Release = 1002;
    public const int Epoch = 1003;
    public const int Vendor = 1011;
    public const int License = 1014;
    public const int Arch = 1022;
    public const int OldFileNames = 1027;
    public const int SourceRpm = 1044;
    public const int DirIndexes = 1116;
    public const int BaseNames = 1117;
    public const int DirNames = 1118;
    public const int ModularityLabel = 5096;
}
