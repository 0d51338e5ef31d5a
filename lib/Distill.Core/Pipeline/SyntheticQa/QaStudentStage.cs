using Distill.Corpora;
using Distill.Students;
using Distill.Students.Pretrained;
using Distill.Students.QuestionAnswering;
using Distill.Teachers.QuestionGeneration;

namespace Distill.Pipeline.SyntheticQa;

/// <summary>
/// Stage 3: the small in-repo student. Starts from the encoder <c>--student</c> names (by default the pretrained MiniLM
/// through <see cref="StudentCheckpoint"/>, or a BERT from scratch), trains the cross-encoder on the export's train pairs
/// (<see cref="QaStudentTrainer"/>) and measures its accuracy on the held-out pairs, each read in its own window.
/// </summary>
internal static class QaStudentStage
{
    public static QaStudentResult Run(FineTuningDatasetSplit split, IReadOnlyDictionary<string, Document> notes, QaRunLayout layout, string studentSpec,
        string cacheDirectory, QaStudentOptions options, IProgress<QaStudyEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var train = QaExampleBuilder.Build(split.Train, notes, options.ContextChars, options.Seed);
        var heldOut = QaExampleBuilder.Build(split.HeldOut, notes, options.ContextChars, options.Seed + 1);
        var source = StudentCheckpoint.Resolve(studentSpec, cacheDirectory);
        StudentModel model;
        if (source.Kind == StudentSourceKind.Scratch)
        {
            var texts = notes.Values.Select(n => n.Text).Concat(split.Train.Select(p => p.Question));
            model = DefaultStudent.Create(texts, QaStudentLabels.All, Path.Combine(layout.Root, "scratch-vocab"), options.Seed, vocabularySize: 4000);
        }
        else model = StudentModel.Load(source.Directory!, out _, QaStudentLabels.All);
        var student = new QaStudent(model, options, name: $"qa-student ({(source.Encoder?.Name ?? source.Kind.ToString().ToLowerInvariant())})");
        try
        {
            var steps = new Progress<QaTrainingProgress>(p => progress?.Report(new QaStudyEvent("student", $"epoch {p.Epoch}/{p.Epochs}, loss {p.MeanLoss:F3}", p.Step, p.Steps)));
            var trained = QaStudentTrainer.Train(student, train, layout.StudentFolder, steps, cancellationToken);
            var accuracy = QaStudentAccuracy.Measure(student, heldOut, cancellationToken);
            var summary = new QaStudentSummary(student.Name, source.Describe(), train.Count, heldOut.Count, accuracy.Accuracy,
                accuracy.ByKind.OrderBy(k => k.Key).ToDictionary(k => k.Key.ToString(), k => new KindAccuracy(k.Value.Examples, k.Value.Correct)),
                trained.EpochLosses, trained.Seconds, layout.StudentFolder);
            QaFiles.WriteJson(layout.StudentSummary, summary, QaJsonContext.Indented.QaStudentSummary);
            progress?.Report(new QaStudyEvent("student", $"{(trained.Resumed ? "resumed the trained student" : $"trained on {train.Count} examples in {trained.Seconds:F0} s")}; held-out accuracy {accuracy.Accuracy:P1} on {heldOut.Count}"));
            return new QaStudentResult(summary, student, trained.Resumed);
        }
        catch
        {
            student.Dispose();
            throw;
        }
    }
}

/// <summary>The pairs a student trains on and the pairs it is measured on.</summary>
public sealed record FineTuningDatasetSplit(IReadOnlyList<QaPair> Train, IReadOnlyList<QaPair> HeldOut);
