using Microsoft.AspNetCore.Mvc;

namespace Snapsight.Server.WebConsole;

/// <summary>Lets a page answer with the same <see cref="IResult"/> an API endpoint builds (a file download).</summary>
public sealed class HttpResultAction(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
