using System.Diagnostics;
using System.Text.Json;
using Distill.Aggregation.Relations;
using Distill.Corpora;
using Distill.Corpora.Relations;
using Distill.IO;
using Distill.Students;
using Distill.Students.Relations;
using static TorchSharp.torch;

namespace Distill.Pipeline.AdverseEvents;

/// <summary>A student's test predictions: drugs and pairs per sentence, and the wall time they took.</summary>
public sealed record AdePredictions(string System, IReadOnlyList<IReadOnlyList<EntitySpan>> Drugs, IReadOnlyList<IReadOnlyList<AdePair>> Pairs, double Seconds, bool Resumed);

/// <summary>
/// Predicts the test split with the students and writes <c>predictions/&lt;student&gt;.jsonl</c> (the ADE line format)
/// with a timing file; predictions already written for the same sentences under the same event bias (chosen on dev,
/// <see cref="AdeCalibrationStage"/>) are read back (resumed). The marker student is given the drug-conditioned
/// student's drugs, so the two differ only in how the drug conditions the event tagger.
/// </summary>
public static class AdePredictionStage
{
    public static AdePredictions DrugConditioned(string modelDirectory, IReadOnlyList<Document> test, int maxLength, double eventBias, AdeRunLayout layout, Device device)
    {
        var system = AdeStudentStage.DrugConditioned;
        if (TryRead(system, test, eventBias, layout) is { } done) return done;
        using var student = DrugConditionedAdeStudent.Load(modelDirectory, device);
        var watch = Stopwatch.StartNew();
        var predicted = student.Predict(test.Select(s => s.Text).ToArray(), maxLength, eventBias: eventBias);
        var seconds = watch.Elapsed.TotalSeconds;
        return Write(system, test, predicted.Select(p => p.Drugs).ToArray(), predicted.Select(p => p.Pairs).ToArray(), seconds, eventBias, layout);
    }

    public static AdePredictions DrugMarkers(string modelDirectory, IReadOnlyList<Document> test, IReadOnlyList<IReadOnlyList<EntitySpan>> drugs, int maxLength, double eventBias,
        AdeRunLayout layout, Device device)
    {
        var system = AdeStudentStage.DrugMarkers;
        if (TryRead(system, test, eventBias, layout) is { } done) return done;
        using var student = StudentModel.Load(modelDirectory, out _, DrugMarkerAdeStudent.Labels, device);
        var watch = Stopwatch.StartNew();
        var pairs = DrugMarkerAdeStudent.Predict(student, test.Select(s => s.Text).ToArray(), drugs, maxLength, eventBias: eventBias);
        var seconds = watch.Elapsed.TotalSeconds;
        return Write(system, test, drugs, pairs, seconds, eventBias, layout);
    }

    static AdePredictions Write(string system, IReadOnlyList<Document> test, IReadOnlyList<IReadOnlyList<EntitySpan>> drugs, IReadOnlyList<IReadOnlyList<AdePair>> pairs, double seconds,
        double eventBias, AdeRunLayout layout)
    {
        AdeLineFile.Write(layout.Predictions(system), test.Select((s, i) => AdeDistillationLine.From(s.Id, s.Text, drugs[i], pairs[i].Select(p => (p, 1.0)))));
        AtomicFile.WriteAllText(layout.PredictionTiming(system), JsonSerializer.Serialize(new AdePredictionTiming(system, test.Count, seconds, eventBias), AdePipelineJsonContext.Default.AdePredictionTiming));
        return new AdePredictions(system, drugs, pairs, seconds, false);
    }

    static AdePredictions? TryRead(string system, IReadOnlyList<Document> test, double eventBias, AdeRunLayout layout)
    {
        if (!File.Exists(layout.Predictions(system)) || !File.Exists(layout.PredictionTiming(system))) return null;
        var lines = AdeLineFile.Read(layout.Predictions(system));
        if (!lines.Select(l => l.Id).SequenceEqual(test.Select(s => s.Id))) return null;
        var timing = JsonSerializer.Deserialize(File.ReadAllText(layout.PredictionTiming(system)), AdePipelineJsonContext.Default.AdePredictionTiming)!;
        if (timing.EventBias != eventBias) return null;
        return new AdePredictions(system, lines.Select(l => l.ToDrugs()).ToArray(), lines.Select(l => l.ToPairs()).ToArray(), timing.Seconds, true);
    }
}
