using System.Diagnostics;
using Distill.Corpora;
using Distill.Runtime;
using Distill.Students;
using Distill.Students.Inference;
using Distill.Students.Training;
using Distill.Pipeline.Events;
using TorchSharp;

namespace Distill.Pipeline;

/// <summary>What to train: data, starting point, output folder and options.</summary>
/// <param name="TrainPath">Training set JSONL (distillation set, or gold documents).</param>
/// <param name="DevPath">Gold dev JSONL for per-epoch F1, early stopping and the best checkpoint.</param>
/// <param name="OutputDirectory">Where the best epoch is saved (Hugging Face layout).</param>
/// <param name="Checkpoint">A Hugging Face model folder (BERT, BioBERT, Bio_ClinicalBERT); null: the small default from scratch.</param>
/// <param name="MaxTrainDocuments">Use only the first N training documents.</param>
/// <param name="KeepCheckpoint">Keep <c>checkpoint-last/</c> (weights and optimiser state) after a finished training; by
/// default it is removed, since only an interrupted training needs it (issue 17).</param>
/// <param name="Stage">The stage name its events carry (<c>student-distilled</c>, <c>student-gold</c>; <c>train</c> for <c>distill train</c>).</param>
public sealed record StudentStageRequest(
    string TrainPath,
    string DevPath,
    string OutputDirectory,
    string? Checkpoint,
    TrainingOptions Options,
    torch.Device Device,
    int? MaxTrainDocuments = null,
    bool KeepCheckpoint = false,
    string Stage = "train");

/// <summary>Training outcome, with where the model is, what it started from, and what its model card says.</summary>
/// <param name="Resumed">The training continued an interrupted run or had already finished (nothing retrained).</param>
/// <param name="RemovedCheckpointBytes">Size of the resume checkpoint removed after the finished training (0: kept or none).</param>
public sealed record StudentStageResult(TrainingResult Training, string Origin, string ModelDirectory, int TrainDocuments, int DevDocuments, ModelCardFacts Card,
    IReadOnlyList<string> Labels, TrainingOptions Options, bool Resumed = false, long RemovedCheckpointBytes = 0);

/// <summary>Predictions of a student on a set of documents, with per-note latency.</summary>
public sealed record StudentPredictions(IReadOnlyList<Document> Documents, LatencySummary Latency, string Machine);

/// <summary>
/// Trains a student and runs it: the library side of <c>distill train</c> and of the student step of
/// <c>distill reproduce</c>. An interrupted run resumes from its last epoch with its own vocabulary and architecture.
/// Progress and messages go to an <see cref="IProgress{StageEvent}"/>; the epoch table is the result's.
/// </summary>
public static class StudentStage
{
    public static async Task<StudentStageResult> TrainAsync(StudentStageRequest request, IProgress<StageEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var stage = request.Stage;
        var options = request.Options;
        var dir = request.OutputDirectory;
        var trainDocs = await TrainingSetReader.ReadAllAsync(request.TrainPath, request.MaxTrainDocuments, cancellationToken).ConfigureAwait(false);
        var devDocs = await TrainingSetReader.ReadAllAsync(request.DevPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        var labels = StudentTrainer.LabelsOf(trainDocs.Concat(devDocs));
        StudentModel student;
        var last = StudentTrainer.LastCheckpoint(dir);
        if (options.Resume && last is not null)
        {
            // The interrupted run's own vocabulary and architecture: a from-scratch vocabulary rebuilt from
            // other text would not match its weights.
            student = StudentModel.Load(last, out _, labels, request.Device);
            progress.Message(stage, $"Resuming the run in {last} ({student.Origin}); delete that folder to start over.", StageMessageLevel.Emphasis);
        }
        else if (request.Checkpoint is null)
        {
            student = DefaultStudent.Create(trainDocs.Select(d => d.Text), labels, dir, options.Seed, device: request.Device);
            progress.Message(stage, $"Student: {student.Origin} (vocabulary {student.Encoder.VocabularySize} pieces).", StageMessageLevel.Warning);
        }
        else
        {
            student = StudentModel.Load(request.Checkpoint, out var report, labels, request.Device);
            progress.Message(stage, $"Student: {report}", StageMessageLevel.Emphasis);
        }
        using (student)
        {
            progress.Message(stage, $"{trainDocs.Count} training and {devDocs.Count} dev documents; labels [{string.Join(", ", labels)}]; " +
                                    $"{options.LabelMode} labels, lr {options.LearningRate:G3}, batch {options.BatchSize}, {options.Epochs} epochs, device {request.Device}.");
            var trainer = new StudentTrainer(options);
            var onProgress = StageReporting.Immediate<TrainingProgress>(p => progress?.Report(new StageProgress(stage, "training",
                $"epoch {p.Epoch}/{p.Epochs} loss {p.Loss:F4}", ((p.Epoch - 1) + (double)p.Step / p.StepsPerEpoch) / p.Epochs)));
            var result = trainer.Train(student, trainDocs, devDocs, dir, onProgress, cancellationToken);
            progress?.Report(new StageProgress(stage, "training", "training", 1));
            var resumed = result.ResumedAfterEpoch > 0;
            var freed = request.KeepCheckpoint ? 0 : StudentTrainer.RemoveResumeCheckpoint(dir);
            var card = ModelCardFacts.FromTraining($"Student {Path.GetFileName(Path.GetFullPath(dir))}", request.Checkpoint, student.Origin, student.Labels,
                request.TrainPath, trainDocs.Count, devDocs.Count, options, result);
            ModelCard.Write(dir, card);
            return new StudentStageResult(result, student.Origin, dir, trainDocs.Count, devDocs.Count, card, student.Labels, options, resumed, freed);
        }
    }

    /// <summary>
    /// Runs the saved student on <paramref name="documents"/>, one note at a time, timing each note, on the fastest
    /// backend the model has (<see cref="StudentBackends.DefaultFor"/>: ONNX Runtime fp32 on CPU, whose logits equal
    /// TorchSharp's; the ONNX graph is exported into the student folder on first use).
    /// </summary>
    public static StudentPredictions Predict(string modelDirectory, IReadOnlyList<Document> documents, string device, IProgress<StageEvent>? progress = null,
        CancellationToken cancellationToken = default, StudentBackendKind? backend = null, string stage = "predictions")
    {
        using var runner = StudentBackends.Open(modelDirectory, backend, device);
        var predictor = new StudentPredictor(runner);
        // One untimed note first: the first call pays for lazy native initialisation.
        if (documents.Count > 0) predictor.Predict(documents[0].Text);
        var output = new List<Document>(documents.Count);
        var seconds = new List<double>(documents.Count);
        var total = Stopwatch.StartNew();
        foreach (var doc in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var watch = Stopwatch.StartNew();
            output.Add(predictor.Predict(doc.Id, doc.Text));
            seconds.Add(watch.Elapsed.TotalSeconds);
            progress?.Report(new StageProgress(stage, "student predicting", "student predicting", (double)output.Count / documents.Count));
        }
        var machine = $"{TorchRuntime.CpuModel()}, {runner.Name} on {runner.Device}";
        return new StudentPredictions(output, LatencySummary.From(seconds, total.Elapsed.TotalSeconds), machine);
    }
}
