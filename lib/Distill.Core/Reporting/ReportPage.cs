using System.Globalization;
using System.Net;
using System.Text;
using Distill.Evaluation;

namespace Distill.Reporting;

/// <summary>
/// <c>report.html</c> as a reader of the study wants it (issue 17): the headline in the reference study's shape per entity
/// type (<see cref="StudyHeadline"/>) and its verdict sentences first, then the figures inline, then the details collapsed
/// (every system and level, paired tests, cost, error analysis with links to the CSVs, the run's configuration). One
/// plotly.js per page (<see cref="PlotlyReference"/>); a small embedded stylesheet that reads on a laptop and prints
/// (details open and figures kept whole when printed).
/// </summary>
public static class ReportPage
{
    /// <summary>The id of the headline table (the browser test looks for it).</summary>
    public const string HeadlineId = "headline";

    const string Style = """
        :root{--fg:#1d1d1f;--muted:#666;--line:#ddd;--band:#f5f6f8;--accent:#1f77b4}
        *{box-sizing:border-box}
        body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);max-width:1120px;margin:0 auto;padding:1.5em 1.2em 4em}
        h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;margin:1.8em 0 .5em;border-bottom:1px solid var(--line);padding-bottom:.2em}
        h3{font-size:1.05em;margin:1.2em 0 .4em}
        .meta{color:var(--muted);margin:.2em 0 1em}.meta code{font-size:.9em}
        table{border-collapse:collapse;margin:.6em 0 1em;font-size:.92em;font-variant-numeric:tabular-nums}
        th,td{padding:.3em .7em;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        thead th{border-bottom:2px solid #bbb;white-space:nowrap}
        td.num,th.num{text-align:right;white-space:nowrap}
        tr.group th{background:var(--band);font-weight:600;padding-top:.5em}
        tr.published td{color:var(--muted);font-style:italic}
        tr.key td:first-child{font-weight:600}
        .system{color:var(--muted);font-size:.9em}
        .verdict{border-left:4px solid var(--accent);background:#f3f8fc;padding:.5em 1em;margin:1em 0}
        .verdict p{margin:.4em 0}
        .figures{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:1em 1.5em}
        figure{margin:0;grid-column:span 2;break-inside:avoid;page-break-inside:avoid}
        figure.half{grid-column:span 1}
        figcaption{color:var(--muted);font-size:.88em;margin:.2em 0 .8em}
        details{border:1px solid var(--line);border-radius:6px;padding:.3em .9em;margin:.6em 0}
        details[open]{padding-bottom:.8em}
        summary{cursor:pointer;font-weight:600;padding:.3em 0}
        .scroll{overflow-x:auto}
        a{color:var(--accent)}
        @media (max-width:800px){.figures{grid-template-columns:1fr}figure.half{grid-column:span 1}figure{grid-column:span 1}}
        @media print{body{max-width:none;padding:0;font-size:11pt}details{border:none;padding:0}summary{font-size:1.1em}
          .verdict{background:none}a{color:inherit;text-decoration:none}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}}
        """;

    /// <summary>The page's HTML.</summary>
    public static string Render(RunReportResult report, RunManifest manifest, IReadOnlyList<ErrorSummary> errors,
        IReadOnlyList<ReportFigure> figures, PlotlyReference plotly, IReadOnlyList<(string Label, string RelativePath)>? links = null)
    {
        var headline = StudyHeadline.From(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E($"Study report: run {manifest.RunId}")).Append("</title>\n<style>").Append(Style).Append("</style>\n");
        if (figures.Count > 0) html.Append(plotly.ScriptTag());
        // Printing shows what the reader would otherwise have to open.
        html.Append("<script>window.addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){d.open=true;});});</script>\n");
        html.Append("</head><body>\n");

        html.Append("<header><h1>Distilling teachers into a student: run ").Append(E(manifest.RunId)).Append("</h1>\n<p class=\"meta\">")
            .Append(E(Describe(report, manifest))).Append("</p></header>\n");

        html.Append("<section><h2>Headline</h2>\n");
        var measured = headline.Rows.Any(r => r.Measured);
        html.Append(measured ? HeadlineTable(headline) : PlainHeadlineTable(report));
        var sentences = measured ? headline.Sentences : report.CostSentences;
        if (sentences.Count > 0)
            html.Append("<div class=\"verdict\">").AppendJoin("", sentences.Select(s => $"<p>{E(s)}</p>")).Append("</div>\n");
        html.Append("</section>\n");

        if (figures.Count > 0)
        {
            html.Append("<section><h2>Figures</h2>\n<div class=\"figures\">\n");
            foreach (var figure in figures) html.Append(Figure(figure));
            html.Append("</div></section>\n");
        }

        html.Append("<section><h2>Details</h2>\n");
        Details(html, "Scores of every system at every level (token, strict and lenient entity match)", ScoresTable(report));
        if (report.PairedTests.Count > 0) Details(html, $"Paired bootstrap tests against {ReferenceOf(report, manifest)}", PairedTable(report));
        if (report.Costs.Count > 0) Details(html, "Cost and time per note", CostTable(report));
        if (errors.Count > 0) Details(html, "Error analysis", ErrorsSection(errors));
        Details(html, "How this run was made", RunSection(manifest));
        if (links is { Count: > 0 })
            Details(html, "Other files of this run", "<ul>" + string.Concat(links.Select(l => $"<li><a href=\"{Href(l.RelativePath)}\">{E(l.Label)}</a></li>")) + "</ul>\n");
        html.Append("</section>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>A page of figures in the report's style (the subset search's), with one plotly.js.</summary>
    public static string FiguresPage(string title, string introduction, IReadOnlyList<ReportFigure> figures, PlotlyReference plotly)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n").Append(plotly.ScriptTag())
            .Append("</head><body>\n<h1>").Append(E(title)).Append("</h1>\n<p class=\"meta\">").Append(E(introduction)).Append("</p>\n<div class=\"figures\">\n");
        foreach (var figure in figures) html.Append(Figure(figure));
        return html.Append("</div>\n</body></html>\n").ToString();
    }

    static string Figure(ReportFigure figure) =>
        $"<figure{(figure.Wide ? "" : " class=\"half\"")}>\n{PlotlyLibrary.ChartDiv(figure.Chart, "figure-" + figure.Name, "plot")}<figcaption>{E(figure.Caption)}</figcaption></figure>\n";

    static string Describe(RunReportResult report, RunManifest manifest)
    {
        var parts = new List<string>
        {
            $"{report.Documents} test notes of {manifest.Configuration.GetValueOrDefault("corpus") ?? manifest.Dataset}",
            $"entity type{(report.Types.Count == 1 ? "" : "s")} {string.Join(", ", report.Types)}",
            $"{manifest.Evaluation.Bootstrap.Resamples} bootstrap resamples",
        };
        if (manifest.FinishedAt is { } finished) parts.Add($"finished {finished.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        if (manifest.GitCommit is { } commit) parts.Add($"commit {commit[..Math.Min(10, commit.Length)]}");
        if (manifest.Configuration.TryGetValue("quick", out var quick) && quick.Equals("true", StringComparison.OrdinalIgnoreCase)) parts.Add("quick run");
        return string.Join(" · ", parts);
    }

    static string HeadlineTable(StudyHeadline headline)
    {
        var html = new StringBuilder($"<div class=\"scroll\"><table id=\"{HeadlineId}\">\n<thead><tr><th></th><th>system</th><th class=\"num\">token F1 (95% CI)</th>" +
                                     "<th class=\"num\">strict F1</th><th class=\"num\">s / note</th><th class=\"num\">$ / note</th></tr></thead>\n<tbody>\n");
        foreach (var group in headline.Rows.GroupBy(r => r.Measured ? r.EntityType : StudyHeadline.PublishedRole))
        {
            html.Append("<tr class=\"group\"><th colspan=\"6\">").Append(E(group.Key)).Append("</th></tr>\n");
            foreach (var row in group)
            {
                var key = row.Role is StudyHeadline.DistilledRole or StudyHeadline.CombinationRole;
                html.Append(row.Measured ? key ? "<tr class=\"key\">" : "<tr>" : "<tr class=\"published\">")
                    .Append("<td>").Append(E(row.Measured ? row.Role : row.System)).Append("</td>")
                    .Append("<td class=\"system\">").Append(E(row.Measured ? row.System : "")).Append("</td>")
                    .Append(Num(row.F1 is { } f1 ? ResultTables.FormatWithInterval(f1, row.F1Lower!.Value, row.F1Upper!.Value) : "—"))
                    .Append(Num(row.StrictF1 is { } strict ? F3(strict) : "—"))
                    .Append(Num(Seconds(row.SecondsPerNote)))
                    .Append(Num(Dollars(row.CostPerNoteUsd)))
                    .Append("</tr>\n");
            }
        }
        return html.Append("</tbody></table></div>\n").ToString();
    }

    // A run whose systems are not named as a study names them (distill evaluate): every system, best first, per type.
    static string PlainHeadlineTable(RunReportResult report)
    {
        var costs = report.Costs.ToDictionary(c => c.System);
        var html = new StringBuilder($"<div class=\"scroll\"><table id=\"{HeadlineId}\">\n<thead><tr><th>system</th><th class=\"num\">token F1 (95% CI)</th>" +
                                     "<th class=\"num\">strict F1</th><th class=\"num\">s / note</th><th class=\"num\">$ / note</th></tr></thead>\n<tbody>\n");
        foreach (var type in HeadlineTypes(report))
        {
            html.Append("<tr class=\"group\"><th colspan=\"5\">").Append(E(type)).Append("</th></tr>\n");
            foreach (var row in report.Scores.Where(s => s.Mode == "token" && s.Type == type).OrderByDescending(s => s.F1))
            {
                var strict = report.Scores.FirstOrDefault(s => s.Mode == "strict" && s.Type == type && s.System == row.System);
                costs.TryGetValue(row.System, out var cost);
                html.Append("<tr><td>").Append(E(row.System)).Append("</td>")
                    .Append(Num(ResultTables.FormatWithInterval(row.F1, row.F1Lower, row.F1Upper)))
                    .Append(Num(strict is null ? "—" : F3(strict.F1)))
                    .Append(Num(Seconds(cost?.SecondsPerNote))).Append(Num(Dollars(cost?.CostPerNoteUsd))).Append("</tr>\n");
            }
        }
        return html.Append("</tbody></table></div>\n").ToString();
    }

    /// <summary>The entity types, and the micro average only when there are several (with one it is the same number).</summary>
    static IEnumerable<string> HeadlineTypes(RunReportResult report) =>
        report.Types.Count > 1 ? report.Types.Append(ScoreSummary.MicroAverage) : report.Types;

    static string ScoresTable(RunReportResult report)
    {
        // With one entity type the micro and macro averages are that type's numbers again: shown once.
        var types = report.Types.Count > 1 ? report.Types.Append(ScoreSummary.MicroAverage).Append(ScoreSummary.MacroAverage).ToList() : report.Types.ToList();
        var several = types.Count > 1;
        var html = new StringBuilder("<div class=\"scroll\"><table>\n<thead><tr><th>system</th><th>level</th>")
            .Append(several ? "<th>type</th>" : "")
            .Append("<th class=\"num\">precision</th><th class=\"num\">recall</th><th class=\"num\">F1 (95% CI)</th><th class=\"num\">gold</th><th class=\"num\">predicted</th></tr></thead>\n<tbody>\n");
        foreach (var row in report.Scores.Where(s => types.Contains(s.Type))
                     .OrderBy(s => s.Mode == "token" ? 0 : s.Mode == "strict" ? 1 : 2).ThenBy(s => types.IndexOf(s.Type)).ThenByDescending(s => s.F1))
            html.Append("<tr><td>").Append(E(row.System)).Append("</td><td>").Append(E(row.Mode)).Append("</td>")
                .Append(several ? $"<td>{E(row.Type)}</td>" : "")
                .Append(Num(F3(row.Precision))).Append(Num(F3(row.Recall)))
                .Append(Num(ResultTables.FormatWithInterval(row.F1, row.F1Lower, row.F1Upper)))
                .Append(Num(row.Support.ToString(CultureInfo.InvariantCulture))).Append(Num(row.Predicted.ToString(CultureInfo.InvariantCulture)))
                .Append("</tr>\n");
        return html.Append("</tbody></table></div>\n<p>Token level: every word tagged inside or outside a mention; strict: a mention counts when its span and type " +
                           "match exactly; lenient: when it overlaps a gold mention of its type. Intervals are percentile bootstrap intervals over notes. " +
                           "Tables: <a href=\"tables/scores.csv\">tables/scores.csv</a>, <a href=\"scores.json\">scores.json</a>.</p>\n").ToString();
    }

    static string PairedTable(RunReportResult report)
    {
        var html = new StringBuilder("<div class=\"scroll\"><table>\n<thead><tr><th>system</th><th>against</th><th>level</th>" +
                                     "<th class=\"num\">F1 difference (95% CI)</th><th class=\"num\">p</th><th></th></tr></thead>\n<tbody>\n");
        foreach (var p in report.PairedTests.OrderBy(p => p.Mode).ThenByDescending(p => p.Difference))
        {
            var significant = p.DifferenceLower > 0 || p.DifferenceUpper < 0;
            html.Append("<tr><td>").Append(E(p.SystemA)).Append("</td><td>").Append(E(p.SystemB)).Append("</td><td>").Append(E(p.Mode)).Append("</td>")
                .Append(Num(ResultTables.FormatWithInterval(p.Difference, p.DifferenceLower, p.DifferenceUpper)))
                .Append(Num(p.PValue.ToString("0.0000", CultureInfo.InvariantCulture)))
                .Append("<td>").Append(significant ? "interval excludes 0" : "").Append("</td></tr>\n");
        }
        var resamples = report.PairedTests.Select(p => p.Resamples).FirstOrDefault();
        return html.Append($"</tbody></table></div>\n<p>Micro-averaged F1 of the system minus the reference's, from {resamples} paired resamples of the notes. " +
                           "Table: <a href=\"tables/paired_tests.csv\">tables/paired_tests.csv</a>.</p>\n").ToString();
    }

    static string CostTable(RunReportResult report)
    {
        var html = new StringBuilder("<div class=\"scroll\"><table>\n<thead><tr><th>system</th><th class=\"num\">notes</th><th class=\"num\">$ / note</th>" +
                                     "<th class=\"num\">s / note</th><th class=\"num\">cost ratio</th><th class=\"num\">time ratio</th><th>where it ran</th></tr></thead>\n<tbody>\n");
        foreach (var c in report.Costs)
            html.Append("<tr><td>").Append(E(c.System)).Append("</td>").Append(Num(c.Notes.ToString(CultureInfo.InvariantCulture)))
                .Append(Num(Dollars(c.CostPerNoteUsd))).Append(Num(Seconds(c.SecondsPerNote)))
                .Append(Num(c.CostRatio is { } cr ? Ratio(cr) : "—")).Append(Num(c.TimeRatio is { } tr ? Ratio(tr) : "—"))
                .Append("<td>").Append(E(c.Machine)).Append("</td></tr>\n");
        html.Append("</tbody></table></div>\n");
        foreach (var s in report.CostSentences) html.Append("<p>").Append(E(s)).Append("</p>\n");
        return html.Append("<p>Ratios are to the reference system. Table: <a href=\"tables/costs.csv\">tables/costs.csv</a>.</p>\n").ToString();
    }

    static string ErrorsSection(IReadOnlyList<ErrorSummary> errors)
    {
        var causes = Enum.GetValues<ErrorCause>();
        var html = new StringBuilder("<div class=\"scroll\"><table>\n<thead><tr><th>system</th><th class=\"num\">errors</th>");
        foreach (var c in causes) html.Append("<th class=\"num\">").Append(E(c.ToString().ToLowerInvariant())).Append("</th>");
        html.Append("<th>every error, with context</th></tr></thead>\n<tbody>\n");
        foreach (var e in errors.OrderBy(e => e.Total))
        {
            html.Append("<tr><td>").Append(E(e.System)).Append("</td>").Append(Num(e.Total.ToString(CultureInfo.InvariantCulture)));
            foreach (var c in causes) html.Append(Num(e.ByCause.GetValueOrDefault(c).ToString(CultureInfo.InvariantCulture)));
            html.Append($"<td><a href=\"{Href($"errors/{e.System}.csv")}\">errors/{E(e.System)}.csv</a></td></tr>\n");
        }
        html.Append("</tbody></table></div>\n");
        foreach (var e in errors.Where(e => e.TopGroups.Count > 0))
        {
            html.Append("<details><summary>Most frequent errors of ").Append(E(e.System)).Append("</summary>\n<div class=\"scroll\"><table>\n")
                .Append("<thead><tr><th>cause</th><th>surface form</th><th class=\"num\">count</th><th>notes</th></tr></thead>\n<tbody>\n");
            foreach (var g in e.TopGroups.Take(15))
                html.Append("<tr><td>").Append(E(g.Cause)).Append("</td><td>").Append(E(g.Surface)).Append("</td>")
                    .Append(Num(g.Count.ToString(CultureInfo.InvariantCulture))).Append("<td>").Append(E(g.Documents)).Append("</td></tr>\n");
            html.Append($"</tbody></table></div>\n<p>All groups: <a href=\"{Href($"tables/error_groups_{e.System}.csv")}\">tables/error_groups_{E(e.System)}.csv</a>.</p></details>\n");
        }
        return html.ToString();
    }

    static string RunSection(RunManifest manifest)
    {
        var rows = new List<(string, string)>
        {
            ("run id", manifest.RunId),
            ("git commit", manifest.GitCommit ?? "(not a git checkout)"),
            ("gold", manifest.Dataset + string.Concat(manifest.DatasetFiles.Select(f => $" (sha256 {f.Sha256[..12]}…)"))),
            ("started", manifest.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
            ("machine", $"{manifest.Machine.CpuModel}, {manifest.Machine.LogicalCores} logical cores, {manifest.Machine.OperatingSystem}, {manifest.Machine.DotNet}"),
        };
        rows.AddRange(manifest.Configuration.Select(kv => (kv.Key, kv.Value)));
        rows.AddRange(manifest.Seeds.Select(kv => ($"seed: {kv.Key}", kv.Value.ToString(CultureInfo.InvariantCulture))));
        var html = new StringBuilder("<div class=\"scroll\"><table>\n<tbody>\n");
        foreach (var (k, v) in rows) html.Append("<tr><th>").Append(E(k)).Append("</th><td>").Append(E(v)).Append("</td></tr>\n");
        return html.Append("</tbody></table></div>\n<p>Everything above is in <a href=\"manifest.json\">manifest.json</a>; " +
                           "<code>distill report &lt;run-id&gt;</code> rebuilds this page from the run folder.</p>\n").ToString();
    }

    static string ReferenceOf(RunReportResult report, RunManifest manifest) =>
        report.PairedTests.Select(p => p.SystemB).FirstOrDefault() ?? manifest.Evaluation.ReferenceSystem ?? "";

    static void Details(StringBuilder html, string summary, string body) =>
        html.Append("<details><summary>").Append(E(summary)).Append("</summary>\n").Append(body).Append("</details>\n");

    static string Num(string text) => $"<td class=\"num\">{E(text)}</td>";

    static string F3(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Seconds per note as the report shows them ("0.0123 s", "3.4e-5 s").</summary>
    public static string Seconds(double? seconds) => seconds switch
    {
        null => "—",
        0 => "0 s",
        < 0.001 => seconds.Value.ToString("0.0e0", CultureInfo.InvariantCulture) + " s",
        < 1 => seconds.Value.ToString("0.0000", CultureInfo.InvariantCulture) + " s",
        _ => seconds.Value.ToString("0.00", CultureInfo.InvariantCulture) + " s",
    };

    /// <summary>Dollars per note as the report shows them ("$0", "$2.9e-6", "$0.0159").</summary>
    public static string Dollars(double? usd) => usd switch
    {
        null => "—",
        0 => "$0",
        < 0.001 => "$" + usd.Value.ToString("0.0e0", CultureInfo.InvariantCulture),
        _ => "$" + usd.Value.ToString("0.0000", CultureInfo.InvariantCulture),
    };

    static string Ratio(double ratio) => ratio.ToString(ratio >= 100 ? "N0" : "0.0##", CultureInfo.InvariantCulture) + "×";

    static string E(string text) => WebUtility.HtmlEncode(text);

    // System names are file-safe (RunFolder.CheckName), so a path needs only HTML attribute escaping.
    static string Href(string relativePath) => WebUtility.HtmlEncode(relativePath);
}
