using Microsoft.FSharp.Core;
using Plotly.NET.ImageExport;

namespace Distill.Reporting;

/// <summary>What a static export did: the PNG files written, or why none was (no browser installed).</summary>
public sealed record PlotImageExport(IReadOnlyList<string> Files, string? SkippedBecause);

/// <summary>
/// Static PNGs of a report's figures for papers (<c>--png</c>, issue 17), rendered by Plotly.NET.ImageExport through
/// PuppeteerSharp in a locally installed Chromium: Debian's <c>/usr/bin/chromium</c> by default, never a downloaded one
/// (nothing can be downloaded here). Where no browser is installed the export is skipped and says so.
/// </summary>
public static class PlotImages
{
    /// <summary>Where Debian's chromium package installs the browser (environment/setup.sh installs it).</summary>
    public const string DebianChromium = "/usr/bin/chromium";

    /// <summary>The browser to use: <c>DISTILL_CHROMIUM</c> when set, else Debian's; null when neither exists.</summary>
    public static string? FindBrowser()
    {
        var configured = Environment.GetEnvironmentVariable("DISTILL_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(configured)) return File.Exists(configured) ? configured : null;
        return File.Exists(DebianChromium) ? DebianChromium : null;
    }

    /// <summary>Writes <c>&lt;directory&gt;/&lt;figure name&gt;.png</c> for every figure, 1000 pixels wide at twice the resolution.</summary>
    public static async Task<PlotImageExport> ExportPngAsync(IReadOnlyList<ReportFigure> figures, string directory, string? browser = null,
        CancellationToken cancellationToken = default)
    {
        browser ??= FindBrowser();
        if (browser is null)
            return new PlotImageExport([], $"no browser at {DebianChromium} (apt-get install chromium, or set DISTILL_CHROMIUM to a Chromium binary)");
        // PuppeteerSharpRendererOptions is process-wide; it is set here, at the one place that renders.
        PuppeteerSharpRendererOptions.localBrowserExecutablePath = FSharpOption<string>.Some(browser);
        PuppeteerSharpRendererOptions.launchOptions = new PuppeteerSharp.LaunchOptions
        {
            Headless = true,
            ExecutablePath = browser,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        };
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        foreach (var figure in figures)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var height = HeightOf(figure.Chart);
            var stem = Path.Combine(directory, figure.Name);
            // SavePNGAsync appends ".png" to the path it is given.
            await figure.Chart.SavePNGAsync(stem, FSharpOption<ExportEngine>.Some(ExportEngine.PuppeteerSharp),
                FSharpOption<int>.Some(1000), FSharpOption<int>.Some(height)).ConfigureAwait(false);
            files.Add(stem + ".png");
        }
        return new PlotImageExport(files, null);
    }

    static int HeightOf(Plotly.NET.GenericChart chart) =>
        Plotly.NET.GenericChart.getLayout(chart).TryGetTypedPropertyValue<int>("height") is { } h ? h.Value : 450;
}
