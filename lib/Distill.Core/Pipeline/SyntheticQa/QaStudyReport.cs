using System.Globalization;
using System.Text;
using Distill.Teachers.QuestionGeneration;

namespace Distill.Pipeline.SyntheticQa;

/// <summary>The run's <c>report.md</c>: generation counts by type and reason, the export, the student's held-out accuracy and the n2c2 table.</summary>
public static class QaStudyReport
{
    public static string Render(QaStudyResult result)
    {
        static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        var md = new StringBuilder();
        md.AppendLine("# Synthetic question-answer distillation (issue 19; after Woo et al., n2c2 2018 Track 1)").AppendLine();
        if (result.Generation is { Summary: var g })
        {
            md.AppendLine(g.GeneratorKind == QaGeneratorKind.Template
                ? $"**The pairs were written by the keyless template generator (`{g.Generator}`), not by a language model**: fixed question templates over the dictionary teacher's mentions and lab-value patterns. Nothing below is an LLM result."
                : $"The pairs were written by the LLM `{g.Generator}` (prompt `prompts/qa-generation.vN.txt`, temperature 0.7, top-p 0.95).");
            md.AppendLine().AppendLine($"## Generation: {g.Notes} notes, {g.Generated} pairs generated, {g.Kept} kept, {g.Rejected} rejected").AppendLine();
            md.AppendLine("| type | generated | kept | rejected |").AppendLine("| --- | ---: | ---: | ---: |");
            foreach (var type in g.GeneratedByType.Keys)
                md.AppendLine($"| {type} | {g.GeneratedByType[type]} | {g.KeptByType.GetValueOrDefault(type)} | {g.RejectedByTypeAndReason.GetValueOrDefault(type)?.Values.Sum() ?? 0} |");
            md.AppendLine().AppendLine("| rejection reason | pairs |").AppendLine("| --- | ---: |");
            foreach (var (reason, n) in g.RejectedByReason) md.AppendLine($"| {reason} | {n} |");
            if (g.RejectedByReason.Count == 0) md.AppendLine("| (none) | 0 |");
            md.AppendLine().AppendLine($"Tokens {g.InputTokens:N0} in / {g.OutputTokens:N0} out, cost ${g.CostUsd:0.####}; {g.CachedNotes} notes replayed from the teacher cache; {g.NotesFailed} failed.");
            foreach (var failure in g.Failures.Take(10)) md.AppendLine($"- failed: {failure}");
            md.AppendLine();
        }
        if (result.Export is { Summary: var e })
            md.AppendLine("## Fine-tuning set").AppendLine()
              .AppendLine($"{e.TrainPairs} train / {e.ValidationPairs} validation pairs after the difficulty filter (>= {e.MinimumDifficulty}, removed {e.BelowDifficulty}) and type balancing (removed {e.RemovedByBalancing}). " +
                          $"Files: `{Path.GetFileName(e.Files.OpenAiTrain)}` (OpenAI/Azure chat), `{Path.GetFileName(e.Files.HuggingFaceTrain)}` (Hugging Face TRL prompt-completion), `qlora.yaml` (4-bit NF4, r 8, alpha 16, all linear layers, lr 2e-4 constant, 1 epoch, 12,000 tokens).").AppendLine();
        if (result.Student is { } s)
        {
            md.AppendLine("## Small student (cross-encoder)").AppendLine();
            md.AppendLine($"{s.Student}, from {s.Origin}; trained on {s.TrainExamples} examples ({s.EpochLosses.Count} epochs this run, {s.TrainSeconds:F0} s). " +
                          $"Held-out accuracy: **{F(s.HeldOutAccuracy)}** on {s.HeldOutExamples} pairs (numeric answers must match the value).").AppendLine();
            md.AppendLine("| answer class | held-out pairs | correct |").AppendLine("| --- | ---: | ---: |");
            foreach (var (kind, a) in s.HeldOutByKind) md.AppendLine($"| {kind} | {a.Examples} | {a.Correct} |");
            md.AppendLine();
        }
        if (result.Cohort is { } c)
        {
            md.AppendLine($"## n2c2 2018 Track 1 ({c.Answerers.FirstOrDefault()?.Scores.Patients ?? 0} patients)").AppendLine();
            md.AppendLine("Scored as `track1_eval.py` does: overall F1 = mean of the met and not-met F1; balanced accuracy = the script's AUC, (sensitivity + specificity) / 2 of met.").AppendLine();
            md.AppendLine("| answerer | micro F1 | macro F1 | micro balanced acc. | macro balanced acc. | cost |").AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var a in c.Answerers)
                md.AppendLine($"| {a.Answerer} | {F(a.Scores.Micro.OverallF1)} | {F(a.Scores.Macro.OverallF1)} | {F(a.Scores.Micro.BalancedAccuracy)} | {F(a.Scores.Macro.BalancedAccuracy)} | ${a.CostUsd:0.####} |");
            foreach (var a in c.Answerers.Skip(1))
            {
                md.AppendLine().AppendLine($"### {a.Answerer}: per criterion").AppendLine();
                md.AppendLine("| criterion | met P | met R | met F1 | not met F1 | overall F1 | balanced acc. |").AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
                foreach (var r in a.Scores.Criteria)
                    md.AppendLine($"| {r.Name} | {F(r.MetPrecision)} | {F(r.MetRecall)} | {F(r.MetF1)} | {F(r.NotMetF1)} | {F(r.OverallF1)} | {F(r.BalancedAccuracy)} |");
            }
            md.AppendLine();
        }
        md.AppendLine($"Run time: {result.Elapsed.TotalSeconds:F0} s.");
        return md.ToString();
    }
}
