using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snapsight.Cloud.Local;

/// <summary>Enums in the local provider's files as EC2 writes them: <c>running</c>, <c>shutting-down</c>.</summary>
internal sealed class KebabCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
