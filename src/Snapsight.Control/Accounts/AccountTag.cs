namespace Snapsight.Control.Accounts;

/// <summary>A tag as the API and the templates' call-backs write it: <c>{"tagKey": "env", "tagValue": "prod"}</c>.</summary>
public sealed record AccountTag(string? TagKey, string? TagValue);
