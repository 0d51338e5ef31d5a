using System.Text.Json;
using Distill.Corpora;
using Distill.Corpora.Relations;
using Distill.Evaluation.Relations;
using Distill.IO;
using Distill.Students;
using Distill.Students.Relations;
using static TorchSharp.torch;

namespace Distill.Pipeline.AdverseEvents;

/// <summary>The calibration stage's result: each student's event bias (chosen on dev) and the record behind it.</summary>
public sealed record AdeCalibrationResult(IReadOnlyDictionary<string, double> Bias, AdeEventBiasRecord Record, string Path, bool Resumed);

/// <summary>
/// Chooses each student's event decision bias on dev (<see cref="EventDecision"/>): the dev split is predicted once per
/// bias of <see cref="EventDecision.Grid"/>, scored strict pair F1 against dev gold, and the best bias is kept in
/// <c>search/event-bias.json</c>, which test prediction then uses. Dev is where the teacher combination was chosen;
/// test is not read. The marker student is given the drug-conditioned student's dev drugs, as on test. A rerun on the
/// same dev sentences and the same student weights reads the record back. The chosen bias is also written into each
/// student's config.json (<see cref="AdeStudentHead.EventBiasKey"/>), which <c>distill predict --task ade</c> reads.
/// </summary>
public static class AdeCalibrationStage
{
    public static AdeCalibrationResult Run(IReadOnlyList<string> students, IReadOnlyList<Document> dev, IReadOnlyList<IReadOnlyList<AdePair>> devGold,
        int maxLength, AdeRunLayout layout, Device device, IProgress<AdeStageEvent>? progress, CancellationToken cancellationToken)
    {
        var ids = dev.Select(d => d.Id).ToArray();
        var weights = students.ToDictionary(s => s, s => WeightsDigest(layout.Student(s)));
        if (TryRead(layout, ids, weights) is { } done)
        {
            Record(done.Chosen, layout);
            return new AdeCalibrationResult(done.Chosen, done, layout.EventBias, true);
        }

        var texts = dev.Select(d => d.Text).ToArray();
        var rows = new List<AdeEventBiasRow>();
        IReadOnlyList<IReadOnlyList<EntitySpan>>? drugs = null;
        using (var conditioned = DrugConditionedAdeStudent.Load(layout.Student(AdeStudentStage.DrugConditioned), device))
            foreach (var bias in EventDecision.Grid)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // The drugs do not depend on the event bias: found once, then given.
                var predicted = conditioned.Predict(texts, maxLength, drugs, eventBias: bias);
                drugs ??= predicted.Select(p => p.Drugs).ToArray();
                rows.Add(Report(Row(AdeStudentStage.DrugConditioned, bias, ids, devGold, predicted.Select(p => p.Pairs).ToArray()), progress));
            }
        if (students.Contains(AdeStudentStage.DrugMarkers))
        {
            using var markers = StudentModel.Load(layout.Student(AdeStudentStage.DrugMarkers), out _, DrugMarkerAdeStudent.Labels, device);
            foreach (var bias in EventDecision.Grid)
            {
                cancellationToken.ThrowIfCancellationRequested();
                rows.Add(Report(Row(AdeStudentStage.DrugMarkers, bias, ids, devGold, DrugMarkerAdeStudent.Predict(markers, texts, drugs!, maxLength, eventBias: bias)), progress));
            }
        }
        var chosen = students.ToDictionary(s => s, s => EventDecision.Choose(rows.Where(r => r.Student == s).Select(r => (r.Bias, r.StrictF1)).ToArray()));
        var record = new AdeEventBiasRecord(ids, weights, chosen, rows);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(layout.EventBias)!);
        AtomicFile.WriteAllText(layout.EventBias, JsonSerializer.Serialize(record, AdePipelineJsonContext.Default.AdeEventBiasRecord));
        Record(chosen, layout);
        return new AdeCalibrationResult(chosen, record, layout.EventBias, false);
    }

    // Into each student's config.json as well, so the saved student decides as the study did wherever it is copied.
    static void Record(IReadOnlyDictionary<string, double> chosen, AdeRunLayout layout)
    {
        foreach (var (student, bias) in chosen) AdeStudentHead.WriteEventBias(layout.Student(student), bias);
    }

    // One line per dev pass: on the full dev split each pass takes tens of seconds on 2 CPU cores.
    static AdeEventBiasRow Report(AdeEventBiasRow row, IProgress<AdeStageEvent>? progress)
    {
        progress?.Report(new AdeStageEvent("calibrate", $"{row.Student} b={row.Bias:0.0#}: dev strict P {row.StrictPrecision:F3} R {row.StrictRecall:F3} F1 {row.StrictF1:F3}"));
        return row;
    }

    static AdeEventBiasRow Row(string student, double bias, IReadOnlyList<string> ids, IReadOnlyList<IReadOnlyList<AdePair>> gold, IReadOnlyList<IReadOnlyList<AdePair>> predicted)
    {
        var strict = PairScorer.Count(ids, gold, predicted, Evaluation.MatchingMode.EntityStrict).Summarize().PerType[PairScorer.PairType];
        var lenient = PairScorer.Count(ids, gold, predicted, Evaluation.MatchingMode.EntityLenient).Summarize().PerType[PairScorer.PairType];
        return new AdeEventBiasRow(student, bias, strict.Precision, strict.Recall, strict.F1, lenient.F1);
    }

    static AdeEventBiasRecord? TryRead(AdeRunLayout layout, IReadOnlyList<string> ids, IReadOnlyDictionary<string, string> weights)
    {
        if (!File.Exists(layout.EventBias)) return null;
        var record = JsonSerializer.Deserialize(File.ReadAllText(layout.EventBias), AdePipelineJsonContext.Default.AdeEventBiasRecord);
        return record is not null && record.Dev.SequenceEqual(ids) && record.StudentWeights.Count == weights.Count
            && weights.All(w => record.StudentWeights.TryGetValue(w.Key, out var d) && d == w.Value) ? record : null;
    }

    /// <summary>"name sha256" of each weight file of the student folder, so a retrained student is calibrated again.</summary>
    static string WeightsDigest(string directory) => string.Join("; ",
        Directory.GetFiles(directory, "*.safetensors").Order(StringComparer.Ordinal).Select(f => $"{System.IO.Path.GetFileName(f)} {FileSha256.Of(f)}"));
}
