using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Snapsight.Server.Tests.WebConsole;

/// <summary>What every console page must pass: axe finds no serious or critical violation; and its screenshot for the docs.</summary>
public static class PageChecks
{
    private static readonly string[] Blocking = ["serious", "critical"];

    public static async Task AccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, $"axe on {page.Url}: " + string.Join("; ", blocking.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    /// <summary>
    /// Checks the page and keeps its screenshot as docs/console/<paramref name="name"/>.png, with a token's
    /// value (shown once after generating it) painted over: a secret has no place in the docs, even a dead one.
    /// </summary>
    public static async Task CheckAndShootAsync(IPage page, string name)
    {
        await AccessibleAsync(page);
        Directory.CreateDirectory(ConsoleFixture.ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ConsoleFixture.ScreenshotFolder, name + ".png"), FullPage = true, Mask = [page.Locator("#issued-token")],
        });
    }
}
