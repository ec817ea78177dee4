using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Primitives;

namespace Snapsight.Server.WebConsole;

/// <summary>Links to the same page with some query values changed, so paging and tabs keep the filters.</summary>
public static class QueryLinks
{
    /// <summary>The request's path and query with each named value replaced (null or empty removes it).</summary>
    public static string With(HttpRequest request, params (string Key, string? Value)[] changes)
    {
        var values = request.Query.ToDictionary(q => q.Key, q => q.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in changes)
        {
            if (string.IsNullOrEmpty(value))
            {
                values.Remove(key);
            }
            else
            {
                values[key] = new StringValues(value);
            }
        }

        var query = new QueryBuilder(values.Where(v => !StringValues.IsNullOrEmpty(v.Value))
            .SelectMany(v => v.Value.Select(item => new KeyValuePair<string, string>(v.Key, item ?? ""))));
        return request.PathBase + request.Path + query.ToQueryString();
    }
}
