using Distill.Aggregation.Relations;
using Distill.Students.Relations;
using Distill.Students.Training;
using Distill.Pipeline.Events;
using static TorchSharp.torch;

namespace Distill.Pipeline.AdverseEvents;

/// <summary>Trains the drug-conditioned student and (optionally) the drug-marker ablation on the distillation set; each resumes when finished before.</summary>
public static class AdeStudentStage
{
    public const string DrugConditioned = "student-drug-conditioned";
    public const string DrugMarkers = "student-drug-markers";

    /// <summary>The students' fine-tuning settings: the packaged encoders' (lr 2e-4), batch 16, the study's epochs and window.</summary>
    public static TrainingOptions Options(AdeStudyOptions options) =>
        TrainingOptions.PackagedEncoder.WithWindow(options.MaxLength) with { Epochs = options.ResolvedEpochs, BatchSize = 16, Seed = options.Seed };

    public static IReadOnlyList<(string Name, AdeTrainingResult Result)> Train(AdeStudyOptions options, string encoderDirectory, IReadOnlyList<AdeDistillationLine> lines,
        AdeRunLayout layout, Device device, IProgress<AdeStageEvent>? progress, CancellationToken cancellationToken)
    {
        var training = Options(options);
        var results = new List<(string, AdeTrainingResult)>();
        var steps = StageReporting.Immediate<AdeTrainingProgress>(p =>
        {
            if (p.Step == p.Steps || p.Step % 20 == 0) progress?.Report(new AdeStageEvent("student", $"{p.Student} epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.Steps} loss {p.MeanLoss:F4}"));
        });
        var conditioned = new DrugConditionedAdeTrainer(training).Train(encoderDirectory, lines, layout.Student(DrugConditioned), steps, cancellationToken, device);
        progress?.Report(new AdeStageEvent("student", $"{DrugConditioned}: {conditioned.Examples} sentences, {conditioned.Epochs} epoch(s), {conditioned.Seconds:F0} s", conditioned.Resumed));
        results.Add((DrugConditioned, conditioned));
        if (options.MarkerStudent)
        {
            var markerSteps = StageReporting.Immediate<TrainingProgress>(p =>
            {
                if (p.Step == p.StepsPerEpoch || p.Step % 20 == 0) progress?.Report(new AdeStageEvent("student", $"{AdeStudentHead.DrugMarkers} epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.StepsPerEpoch} loss {p.Loss:F4}"));
            });
            var markers = DrugMarkerAdeStudent.Train(encoderDirectory, lines, training, layout.Student(DrugMarkers), markerSteps, cancellationToken, device);
            progress?.Report(new AdeStageEvent("student", $"{DrugMarkers}: {markers.Examples} sentence × drug examples, {markers.Epochs} epoch(s), {markers.Seconds:F0} s", markers.Resumed));
            results.Add((DrugMarkers, markers));
        }
        return results;
    }
}
