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

/// <summary>rpmTagType_e values (rpmtag.h); RPM_MIN_TYPE is 0 and RPM_MAX_TYPE 9.</summary>
internal static class RpmTagType
{
    public const int Null = 0;
    public const int Char = 1;
    public const int Int8 = 2;
    public const int Int16 = 3;
    public const int Int32 = 4;
    public const int Int64 = 5;
    public const int String = 6;
    public const int Bin = 7;
    public const int StringArray = 8;
    public const int I18nString = 9;
    public const int Max = 9;

    /// <summary>Bytes per element and alignment (header.c <c>typeSizes</c>/<c>typeAlign</c>); 0 for the NUL-terminated string types.</summary>
    public static int ElementSize(int type) => type switch
    {
        Char or Int8 or Bin => 1,
        Int16 => 2,
        Int32 => 4,
        Int64 => 8,
        _ => 0,
    };

    public static bool IsString(int type) => type is String or StringArray or I18nString;
}
