using Microsoft.Playwright;

namespace Distill.Tests.Browser;

/// <summary>
/// Debian's chromium (installed by environment/setup.sh; Playwright cannot download its own browsers here), launched
/// headless once per test class by Playwright. Every page it opens has the network blocked: only file:// and localhost
/// requests go through, so a page that fetched anything from elsewhere would fail to draw. A missing browser fails the
/// tests that need it (never a skip): CI runs setup.sh, which installs it.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    IPlaywright? playwright;
    IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"No chromium at {ExecutablePath}: run `bash environment/setup.sh` (it installs Debian's chromium package).");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
    }

    /// <summary>What opening a page showed: console errors, uncaught exceptions and the requests the block stopped.</summary>
    public sealed record PageVisit(IPage Page, IReadOnlyList<string> ConsoleErrors, IReadOnlyList<string> PageErrors, IReadOnlyList<string> BlockedRequests);

    /// <summary>Opens <paramref name="file"/> in a fresh 1280×900 page with the network blocked, and waits until it has loaded.</summary>
    public async Task<PageVisit> OpenAsync(string file)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var consoleErrors = new List<string>();
        var pageErrors = new List<string>();
        var blocked = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") lock (consoleErrors) consoleErrors.Add(message.Text); };
        page.PageError += (_, error) => { lock (pageErrors) pageErrors.Add(error); };
        await page.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.IsFile || url.Host is "localhost" or "127.0.0.1") await route.ContinueAsync();
            else
            {
                lock (blocked) blocked.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        await page.GotoAsync(new Uri(Path.GetFullPath(file)).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return new PageVisit(page, consoleErrors, pageErrors, blocked);
    }

    /// <summary>Waits until <paramref name="count"/> plots have been drawn (a <c>.js-plotly-plot</c> with an SVG inside each).</summary>
    public static async Task<int> WaitForPlotsAsync(IPage page, int count)
    {
        await page.WaitForFunctionAsync("n => document.querySelectorAll('.js-plotly-plot svg.main-svg').length >= n && " +
                                        "[...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('svg.main-svg'))",
            count, new PageWaitForFunctionOptions { Timeout = 30_000 });
        return await page.EvaluateAsync<int>("document.querySelectorAll('.js-plotly-plot').length");
    }
}
