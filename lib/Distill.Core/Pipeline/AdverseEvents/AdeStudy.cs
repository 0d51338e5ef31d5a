using System.Diagnostics;
using Distill.Evaluation;
using Distill.Reporting;
using Distill.Runtime;
using Distill.Students.Pretrained;
using Distill.Students.Relations;
using Distill.Teachers;
using Distill.Teachers.Cache;

namespace Distill.Pipeline.AdverseEvents;

/// <summary>What an ADE study run produced.</summary>
public sealed record AdeStudyResult(AdeRunLayout Layout, AdeReportRecord Report, string Markdown, TimeSpan Elapsed);

/// <summary>
/// The ADE study end to end (issue 18; Gu et al. 2023): corpus and PMID split → relation teachers on dev, pool and test
/// (through the teacher cache) → pair subset search on dev → distillation set from the pool → the drug-conditioned
/// student and the drug-marker ablation → test predictions → pair and drug NER scores → report. Every stage is a small
/// class with a typed result; a rerun with the same run id resumes (cached teacher answers, finished trainings and
/// written predictions are reused). Progress goes out through <see cref="IProgress{T}"/>; nothing is printed here.
/// </summary>
public static class AdeStudy
{
    /// <param name="cachePath">The teacher cache file (the CLI passes <c>&lt;repo&gt;/.cache/teachers.sqlite</c> unless told).</param>
    public static async Task<AdeStudyResult> RunAsync(AdeStudyOptions options, string cachePath, IProgress<AdeStageEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var layout = AdeRunLayout.For(options.ResultsFolder, options.RunId ?? RunFolder.NewRunId(DateTimeOffset.UtcNow));
        Directory.CreateDirectory(layout.Root);
        var device = TorchRuntime.ResolveDevice(options.Device);
        progress?.Report(new AdeStageEvent("corpus", $"{options.QuickMeaning}; run folder {layout.Root}"));

        var corpus = AdeCorpusStage.Run(options, layout);
        var split = corpus.Split;
        progress?.Report(new AdeStageEvent("corpus", $"{corpus.Sentences} sentences read; pool {split.Pool.Count}, dev {split.Dev.Count}, test {split.Test.Count}", corpus.Resumed));
        var dev = split.Dev.Select(AdeCorpusStage.Unlabeled).ToArray();
        var pool = split.Pool.Select(AdeCorpusStage.Unlabeled).ToArray();
        var test = split.Test.Select(AdeCorpusStage.Unlabeled).ToArray();
        var devGold = dev.Select(d => corpus.Gold[d.Id]).ToArray();
        var testGold = test.Select(d => corpus.Gold[d.Id]).ToArray();

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(cachePath))!);
        using var cache = SqliteTeacherCache.Open(cachePath);
        var teachers = AdeTeachers.Create(options.Teachers, cache, options.Offline, corpus.Gold);
        var devLabels = await AdeTeacherStage.LabelAsync("dev", teachers.Teachers, dev, progress, cancellationToken).ConfigureAwait(false);
        var poolLabels = await AdeTeacherStage.LabelAsync("pool", teachers.Teachers, pool, progress, cancellationToken).ConfigureAwait(false);
        var testLabels = await AdeTeacherStage.LabelAsync("test", teachers.Teachers, test, progress, cancellationToken).ConfigureAwait(false);
        progress?.Report(new AdeStageEvent("teachers", $"{teachers.Teachers.Count} relation teachers on dev, pool and test", devLabels.Resumed && poolLabels.Resumed && testLabels.Resumed));

        var search = AdeSearchStage.Run(devLabels, devGold, layout);
        progress?.Report(new AdeStageEvent("search", $"chosen on dev: {search.Record.Chosen.Teachers} / {search.Record.Chosen.Rule}, strict F1 {search.Record.Chosen.StrictF1:F3}; {search.Record.Rows.Count} subsets × rules in {search.Path}"));

        var distillation = AdeDistillationStage.Run(search, poolLabels, pool, teachers.Mentions, layout);
        progress?.Report(new AdeStageEvent("distillation", $"{distillation.Lines.Count} pool sentences, {distillation.Pairs} pairs, {distillation.Drugs} drug mentions → {distillation.Path}"));

        var encoder = StudentCheckpoint.Resolve(options.Checkpoint, Path.GetDirectoryName(Path.GetFullPath(cachePath))!);
        if (encoder.Directory is null) throw new ArgumentException("The ADE students fine-tune a pretrained encoder; --model scratch is not supported for --task ade.");
        progress?.Report(new AdeStageEvent("student", $"encoder: {encoder.Describe()}"));
        var trained = AdeStudentStage.Train(options, encoder.Directory, distillation.Lines, layout, device, progress, cancellationToken);

        var calibration = AdeCalibrationStage.Run(trained.Select(s => s.Name).ToArray(), dev, devGold, options.MaxLength, layout, device, progress, cancellationToken);
        progress?.Report(new AdeStageEvent("calibrate", $"event bias chosen on dev: {DescribeBias(calibration)} → {calibration.Path}", calibration.Resumed));

        var conditioned = AdePredictionStage.DrugConditioned(layout.Student(AdeStudentStage.DrugConditioned), test, options.MaxLength,
            calibration.Bias[AdeStudentStage.DrugConditioned], layout, device);
        var predictions = new List<AdePredictions> { conditioned };
        if (options.MarkerStudent)
            predictions.Add(AdePredictionStage.DrugMarkers(layout.Student(AdeStudentStage.DrugMarkers), test, conditioned.Drugs, options.MaxLength,
                calibration.Bias[AdeStudentStage.DrugMarkers], layout, device));
        progress?.Report(new AdeStageEvent("predict", string.Join("; ", predictions.Select(p => $"{p.System}: {test.Length} test sentences in {p.Seconds:F1} s")), predictions.All(p => p.Resumed)));

        var bootstrap = new BootstrapOptions(options.BootstrapResamples);
        var ids = test.Select(d => d.Id).ToArray();
        var costs = testLabels.Costs();
        var outputs = new List<AdeSystemOutput>();
        for (var t = 0; t < testLabels.Teachers.Count; t++)
        {
            var name = testLabels.Teachers[t];
            var kind = teachers.Teachers[t].Kind;
            outputs.Add(new AdeSystemOutput(name, KindName(kind), testLabels.PairsOf(t), costs[name].SecondsPerSentence, costs[name].CostPerSentence,
                kind == TeacherKind.Simulated ? "assumed" : kind == TeacherKind.Llm ? "API price" : "offline"));
        }
        var combined = AdeSearchStage.Combine(search.Choice, testLabels);
        var combination = new AdeSystemOutput($"combination: {search.Record.Chosen.Teachers} / {search.Record.Chosen.Rule}", "teachers",
            combined.Select(c => (IReadOnlyList<Corpora.Relations.AdePair>)c.Select(x => x.Pair).ToArray()).ToArray(),
            search.Choice.Chosen.Subset.Members().Sum(m => costs[testLabels.Teachers[m]].SecondsPerSentence),
            search.Choice.Chosen.Subset.Members().Sum(m => costs[testLabels.Teachers[m]].CostPerSentence), "sum of members");
        var students = predictions.Select(p =>
        {
            var seconds = p.Seconds / Math.Max(1, test.Length);
            return new AdeSystemOutput(p.System, "student", p.Pairs, seconds, seconds * options.MachineUsdPerHour / 3600, $"CPU at ${options.MachineUsdPerHour}/h");
        }).ToArray();
        outputs.Add(combination);
        outputs.AddRange(students);
        var rows = outputs.Select(o => AdeEvaluationStage.Score(o, ids, testGold, bootstrap)).ToList();
        var comparisons = students.SelectMany(s => AdeEvaluationStage.Compare(s, combination, ids, testGold, bootstrap)).ToArray();

        var testSentences = split.Test;
        var drugNer = new List<AdeDrugNerRow>
        {
            AdeEvaluationStage.DrugNer("dictionary (DrugBank)", testSentences, test.Select(d => teachers.Offline.Dictionary.MatcherFor(Corpora.EntityTypes.Medication).Match(d.Text)).ToArray(), bootstrap),
            AdeEvaluationStage.DrugNer("mesh (MeSH chemicals and drugs)", testSentences, test.Select(d => teachers.Offline.Mesh.MatcherFor(Corpora.EntityTypes.Medication).Match(d.Text)).ToArray(), bootstrap),
            AdeEvaluationStage.DrugNer("offline lexicons (union, the relation teachers' drugs)", testSentences, test.Select(d => teachers.Mentions.Drugs(d.Text)).ToArray(), bootstrap),
            AdeEvaluationStage.DrugNer(AdeStudentStage.DrugConditioned, testSentences, conditioned.Drugs, bootstrap),
        };
        var notes = new List<string>
        {
            $"Teachers never saw gold; the combination was chosen on dev (strict pair F1); test was measured once. Students learned from the combination's pool labels only.",
            $"Students: {encoder.Describe()}; {string.Join("; ", trained.Select(s => $"{s.Name} {s.Result.Examples} examples, {s.Result.Epochs} epoch(s), {s.Result.Seconds:F0} s{(s.Result.Resumed ? " (resumed)" : "")}"))}.",
            "The drug-marker ablation is given the drug-conditioned student's drugs, so the two differ only in how the drug conditions the event tagger.",
            $"Each student's event decision bias (event logit minus outside logit must exceed it; 0 is the argmax) was chosen on dev by strict pair F1 from {string.Join(", ", EventDecision.Grid)}: {DescribeBias(calibration)}. The students are trained with the event class weighted {DrugConditionedAdeTrainer.EventWeight}; how far that leans a student toward events depends on how well it is trained, so the bias is measured, not assumed.",
            "Simulated teachers (simulated:*) read gold and report assumed costs: teaching only, never results.",
            "Timings on a shared machine are noisy; student seconds are wall time of batched CPU prediction over the test split.",
        };
        var report = new AdeReportRecord(layout.RunId, options.QuickMeaning,
            $"ADE-Corpus-V2 by PMID, seed {options.SplitSeed} (pool {split.Pool.Count} / dev {split.Dev.Count} / test {split.Test.Count} sentences, negatives included)",
            test.Length, rows, drugNer, search.Record.Chosen, watch.Elapsed.TotalMinutes, notes, comparisons);
        var markdown = AdeReport.Write(report, layout);
        progress?.Report(new AdeStageEvent("report", $"{layout.ReportMarkdown}"));
        return new AdeStudyResult(layout, report, markdown, watch.Elapsed);
    }

    /// <summary>"student b=1.5 (dev strict F1 0.31 at b=0 → 0.35)" for each student.</summary>
    static string DescribeBias(AdeCalibrationResult calibration) => string.Join("; ", calibration.Bias.Select(b =>
    {
        var rows = calibration.Record.Rows.Where(r => r.Student == b.Key).ToArray();
        return $"{b.Key} b={b.Value:0.0#} (dev strict F1 {rows.First(r => r.Bias == 0).StrictF1:F3} at b=0 → {rows.First(r => r.Bias == b.Value).StrictF1:F3})";
    }));

    static string KindName(TeacherKind kind) => kind switch
    {
        TeacherKind.Llm => "LLM teacher",
        TeacherKind.Simulated => "simulated teacher",
        _ => "offline teacher",
    };
}
