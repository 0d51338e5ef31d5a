using System.Diagnostics;
using Distill.Corpora;
using Distill.Runtime;
using Distill.Students;
using Distill.Students.Inference;
using Distill.Students.Training;
using Spectre.Console;
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
public sealed record StudentStageRequest(
    string TrainPath,
    string DevPath,
    string OutputDirectory,
    string? Checkpoint,
    TrainingOptions Options,
    torch.Device Device,
    int? MaxTrainDocuments = null,
    bool KeepCheckpoint = false);

/// <summary>Training outcome, with where the model is, what it started from, and what its model card says.</summary>
public sealed record StudentStageResult(TrainingResult Training, string Origin, string ModelDirectory, int TrainDocuments, int DevDocuments, ModelCardFacts Card);

/// <summary>Predictions of a student on a set of documents, with per-note latency.</summary>
public sealed record StudentPredictions(IReadOnlyList<Document> Documents, LatencySummary Latency, string Machine);

/// <summary>
/// Trains a student and runs it, with Spectre progress: the library side of <c>distill train</c> and of
/// the student step of <c>distill reproduce</c>. An interrupted run resumes from its last epoch with its own
/// vocabulary and architecture.
/// </summary>
public static class StudentStage
{
    public static async Task<StudentStageResult> TrainAsync(StudentStageRequest request, IAnsiConsole? console = null, CancellationToken cancellationToken = default)
    {
        console ??= AnsiConsole.Console;
        var options = request.Options;
        var dir = request.OutputDirectory;
        var trainDocs = await TrainingSetReader.ReadAllAsync(request.TrainPath, request.MaxTrainDocuments, cancellationToken).ConfigureAwait(false);
        var devDocs = await TrainingSetReader.ReadAllAsync(request.DevPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        var labels = StudentTrainer.LabelsOf(trainDocs.Concat(devDocs));
        StudentModel student;
        var last = Path.Combine(dir, StudentTrainer.LastCheckpointFolder);
        if (!File.Exists(Path.Combine(last, "trainer_state.json"))) last += ".old"; // killed between the checkpoint's renames
        if (options.Resume && File.Exists(Path.Combine(last, "trainer_state.json")))
        {
            // The interrupted run's own vocabulary and architecture: a from-scratch vocabulary rebuilt from
            // other text would not match its weights.
            student = StudentModel.Load(last, out _, labels, request.Device);
            console.MarkupLine($"[bold]Resuming[/] the run in {Markup.Escape(last)} ({Markup.Escape(student.Origin)}); delete that folder to start over.");
        }
        else if (request.Checkpoint is null)
        {
            student = DefaultStudent.Create(trainDocs.Select(d => d.Text), labels, dir, options.Seed, device: request.Device);
            console.MarkupLine($"[bold yellow]Student: {Markup.Escape(student.Origin)}[/] (vocabulary {student.Encoder.VocabularySize} pieces).");
        }
        else
        {
            student = StudentModel.Load(request.Checkpoint, out var report, labels, request.Device);
            console.MarkupLine($"[bold]Student[/]: {Markup.Escape(report.ToString())}");
        }
        using (student)
        {
            console.MarkupLine($"{trainDocs.Count} training and {devDocs.Count} dev documents; labels [[{Markup.Escape(string.Join(", ", labels))}]]; " +
                               $"{options.LabelMode} labels, lr {options.LearningRate:G3}, batch {options.BatchSize}, {options.Epochs} epochs, device {request.Device}.");
            var table = new Table().AddColumns("epoch", "train loss", "dev P", "dev R", "dev F1", "pieces/s", "RSS MB", "");
            var trainer = new StudentTrainer(options);
            trainer.EpochCompleted += r => table.AddRow($"{r.Epoch}", $"{r.TrainLoss:F4}", $"{r.Dev.Precision:F3}", $"{r.Dev.Recall:F3}", $"{r.Dev.F1:F3}",
                $"{r.TrainPieces / r.Seconds:F0}", $"{r.ResidentBytes / 1e6:F0}", r.Improved ? "best" : "");
            TrainingResult? result = null;
            console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn()).Start(ctx =>
            {
                var task = ctx.AddTask("training", maxValue: 1.0);
                var progress = new ImmediateProgress<TrainingProgress>(p =>
                {
                    task.Description = $"epoch {p.Epoch}/{p.Epochs} loss {p.Loss:F4}";
                    task.Value = ((p.Epoch - 1) + (double)p.Step / p.StepsPerEpoch) / p.Epochs;
                });
                result = trainer.Train(student, trainDocs, devDocs, dir, progress, cancellationToken);
                task.Value = 1.0;
            });
            console.Write(table);
            if (result!.Epochs.Count > 0 && result.ResumedAfterEpoch == result.Epochs.Count)
                console.MarkupLine($"The training in {Markup.Escape(Path.GetFullPath(dir))} had already finished (trainer_state.json); it is not repeated.");
            else if (result.ResumedAfterEpoch > 0)
                console.MarkupLine($"Resumed after epoch {result.ResumedAfterEpoch} from {Markup.Escape(Path.Combine(dir, StudentTrainer.LastCheckpointFolder))}.");
            console.MarkupLine($"Best epoch {result.BestEpoch}, dev token-level F1 {result.BestDevF1:F4}{(result.StoppedEarly ? " (stopped early)" : "")}; " +
                               $"model saved to [bold]{Markup.Escape(Path.GetFullPath(dir))}[/] ({Markup.Escape(student.Origin)}).");
            if (!request.KeepCheckpoint && StudentTrainer.RemoveResumeCheckpoint(dir) is > 0 and var freed)
                console.MarkupLine($"Removed the resume checkpoint ({freed / 1e6:F0} MB, optimiser state included); --keep-checkpoint keeps it.");
            var card = ModelCardFacts.FromTraining($"Student {Path.GetFileName(Path.GetFullPath(dir))}", request.Checkpoint, student.Origin, student.Labels,
                request.TrainPath, trainDocs.Count, devDocs.Count, options, result);
            ModelCard.Write(dir, card);
            return new StudentStageResult(result, student.Origin, dir, trainDocs.Count, devDocs.Count, card);
        }
    }

    /// <summary>
    /// Runs the saved student on <paramref name="documents"/>, one note at a time, timing each note, on the fastest
    /// backend the model has (<see cref="StudentBackends.DefaultFor"/>: ONNX Runtime fp32 on CPU, whose logits equal
    /// TorchSharp's; the ONNX graph is exported into the student folder on first use).
    /// </summary>
    public static StudentPredictions Predict(string modelDirectory, IReadOnlyList<Document> documents, string device, IAnsiConsole? console = null,
        CancellationToken cancellationToken = default, StudentBackendKind? backend = null)
    {
        console ??= AnsiConsole.Console;
        using var runner = StudentBackends.Open(modelDirectory, backend, device);
        var predictor = new StudentPredictor(runner);
        // One untimed note first: the first call pays for lazy native initialisation.
        if (documents.Count > 0) predictor.Predict(documents[0].Text);
        var output = new List<Document>(documents.Count);
        var seconds = new List<double>(documents.Count);
        var total = Stopwatch.StartNew();
        console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn()).Start(ctx =>
        {
            var task = ctx.AddTask("student predicting", maxValue: Math.Max(1, documents.Count));
            foreach (var doc in documents)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var watch = Stopwatch.StartNew();
                output.Add(predictor.Predict(doc.Id, doc.Text));
                seconds.Add(watch.Elapsed.TotalSeconds);
                task.Increment(1);
            }
        });
        var machine = $"{TorchRuntime.CpuModel()}, {runner.Name} on {runner.Device}";
        return new StudentPredictions(output, LatencySummary.From(seconds, total.Elapsed.TotalSeconds), machine);
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder updates).</summary>
    internal sealed class ImmediateProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
