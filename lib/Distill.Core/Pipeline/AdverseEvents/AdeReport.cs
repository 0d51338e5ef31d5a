using System.Globalization;
using System.Text;
using System.Text.Json;
using Distill.IO;

namespace Distill.Pipeline.AdverseEvents;

/// <summary>Writes <c>report.json</c> and <c>report.md</c> (the study's tables as Markdown; the CLI prints the Markdown).</summary>
public static class AdeReport
{
    public static string Write(AdeReportRecord report, AdeRunLayout layout)
    {
        var markdown = Markdown(report);
        AtomicFile.WriteAllText(layout.ReportJson, JsonSerializer.Serialize(report, AdePipelineJsonContext.Default.AdeReportRecord));
        AtomicFile.WriteAllText(layout.ReportMarkdown, markdown);
        return markdown;
    }

    public static string Markdown(AdeReportRecord r)
    {
        static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
        static string Money(double x) => x == 0 ? "0" : x.ToString(x < 0.001 ? "0.0000000" : "0.0000", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.AppendLine($"# ADE study (Gu et al. 2023 on ADE-Corpus-V2), run {r.RunId}");
        sb.AppendLine();
        sb.AppendLine($"**{r.Mode}.** {r.Split}. Test: {r.TestSentences} sentences. Run time {r.Minutes:F1} min.");
        sb.AppendLine();
        sb.AppendLine("Pair-level (drug, adverse event) on the test split, micro over sentences; 95% sentence-bootstrap intervals.");
        sb.AppendLine();
        sb.AppendLine("| system | kind | strict P | strict R | strict F1 [95% CI] | lenient F1 [95% CI] | s / sentence | $ / sentence |");
        sb.AppendLine("| --- | --- | ---: | ---: | --- | --- | ---: | ---: |");
        foreach (var row in r.Pairs)
            sb.AppendLine($"| {row.System} | {row.Kind} | {F(row.StrictPrecision)} | {F(row.StrictRecall)} | {F(row.StrictF1)} [{F(row.StrictLow)}, {F(row.StrictHigh)}] | " +
                          $"{F(row.LenientF1)} [{F(row.LenientLow)}, {F(row.LenientHigh)}] | {row.SecondsPerSentence.ToString("0.00000", CultureInfo.InvariantCulture)} | {Money(row.DollarsPerSentence)}{(row.CostNote.Length > 0 ? " (" + row.CostNote + ")" : "")} |");
        sb.AppendLine();
        sb.AppendLine($"Combination chosen on dev: {r.Combination.Teachers} / {r.Combination.Rule} (dev strict F1 {F(r.Combination.StrictF1)}).");
        sb.AppendLine();
        if (r.Comparisons is { Count: > 0 } comparisons)
        {
            sb.AppendLine("Each student against the combination whose labels it learned from: paired sentence bootstrap of pair F1 on test (student − combination).");
            sb.AppendLine();
            sb.AppendLine("| student | matching | difference [95% CI] | p |");
            sb.AppendLine("| --- | --- | --- | ---: |");
            foreach (var c in comparisons)
                sb.AppendLine($"| {c.Student} | {c.Matching} | {(c.Difference >= 0 ? "+" : "")}{F(c.Difference)} [{F(c.Low)}, {F(c.High)}] | {c.PValue.ToString("0.000", CultureInfo.InvariantCulture)} |");
            sb.AppendLine();
        }
        sb.AppendLine("Drug NER, token-level F1 on the test sentences with relations (the only ones with drug gold).");
        sb.AppendLine();
        sb.AppendLine("| system | P | R | F1 [95% CI] |");
        sb.AppendLine("| --- | ---: | ---: | --- |");
        foreach (var row in r.DrugNer) sb.AppendLine($"| {row.System} | {F(row.Precision)} | {F(row.Recall)} | {F(row.F1)} [{F(row.Low)}, {F(row.High)}] |");
        sb.AppendLine();
        foreach (var note in r.Notes) sb.AppendLine($"- {note}");
        return sb.ToString();
    }
}
