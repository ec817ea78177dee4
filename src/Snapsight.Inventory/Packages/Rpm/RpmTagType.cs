namespace Snapsight.Inventory.Packages.Rpm;

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
