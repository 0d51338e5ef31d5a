using Distill.Corpora;
using Distill.Students;
using Distill.Students.QuestionAnswering;
using Distill.Teachers.QuestionAnswering;
using Distill.Teachers.QuestionGeneration;

namespace Distill.Tests.Students.QuestionAnswering;

/// <summary>The QA cross-encoder on a tiny BERT from scratch (fast on CPU): encoding, training, resuming, reading a whole note.</summary>
public sealed class QaStudentTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("qa-student-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    static readonly QaStudentOptions Options = new() { MaxLength = 64, BatchSize = 2, Epochs = 25, LearningRate = 2e-3, WindowStride = 16, ContextChars = 40 };

    QaStudent Tiny(string name = "vocab") => new(DefaultStudent.Create(Texts, QaStudentLabels.All, Path.Combine(folder, name), seed: 7, vocabularySize: 500,
        adjust: c => c with { HiddenSize = 64, NumHiddenLayers = 2, NumAttentionHeads = 2, IntermediateSize = 128, MaxPositionEmbeddings = 128 }), Options);

    static readonly string[] Texts = ["Does the patient have gout? He has gout. Does the patient have lupus? He denies lupus. What is the creatinine value? Creatinine 1.6 mg/dL. What is the potassium value? Potassium 4.4 mmol/L."];

    static IReadOnlyList<QaStudentExample> Examples() =>
    [
        new("n", "Does the patient have gout?", "He has gout.", AnswerKind.Yes, null, -1, -1),
        new("n", "Does the patient have lupus?", "He denies lupus.", AnswerKind.No, null, -1, -1),
        new("n", "What is the creatinine value?", "Creatinine 1.6 mg/dL.", AnswerKind.Numeric, 1.6, 11, 14),
        new("n", "What is the potassium value?", "Potassium 4.4 mmol/L.", AnswerKind.NotAnswerable, null, -1, -1),
    ];

    [Fact]
    public void Encodes_question_and_window_with_token_types_and_covers_a_long_note_in_windows()
    {
        using var student = Tiny();
        var single = Assert.Single(student.Encode("Does the patient have gout?", "He has gout."));
        Assert.Equal(student.Model.Encoder.ClsId, single.InputIds[0]);
        Assert.Equal(student.Model.Encoder.SepId, single.InputIds[^1]);
        Assert.Equal(0, single.TokenTypes[1]);
        Assert.Equal(1, single.TokenTypes[single.WordPositions[0]]);
        Assert.Equal(4, single.Words.Length); // He, has, gout, .

        var longText = string.Join(" ", Enumerable.Repeat("He has gout and creatinine 1.6 today.", 30));
        var windows = student.Encode("What is the creatinine value?", longText);
        Assert.True(windows.Count > 3);
        Assert.All(windows, w => Assert.True(w.InputIds.Length <= Options.MaxLength));
        // Together the windows cover every word, in order.
        var covered = windows.SelectMany(w => w.Words).Distinct().Count();
        Assert.Equal(Distill.Corpora.ClinicalWordTokenizer.Instance.Tokenize(longText).Count, covered);
    }

    [Fact]
    public void Learns_a_tiny_set_then_resumes_the_finished_training()
    {
        var output = Path.Combine(folder, "model");
        using var student = Tiny();
        var trained = QaStudentTrainer.Train(student, Examples(), output);
        Assert.False(trained.Resumed);
        Assert.Equal(Options.Epochs, trained.EpochLosses.Count);
        Assert.True(trained.EpochLosses[^1] < trained.EpochLosses[0], $"loss {trained.EpochLosses[0]} -> {trained.EpochLosses[^1]}");
        var accuracy = QaStudentAccuracy.Measure(student, Examples());
        Assert.True(accuracy.Accuracy >= 0.75, $"training accuracy {accuracy.Accuracy}");
        var numeric = student.Answer("What is the creatinine value?", "Creatinine 1.6 mg/dL.");
        Assert.Equal((AnswerKind.Numeric, 1.6), (numeric.Kind, numeric.Value ?? double.NaN));

        using var again = Tiny("vocab2");
        var resumed = QaStudentTrainer.Train(again, Examples(), output);
        Assert.True(resumed.Resumed);
        Assert.Equal(student.Answer("Does the patient have gout?", "He has gout.").Confidence, again.Answer("Does the patient have gout?", "He has gout.").Confidence, 5);
        Assert.True(File.Exists(Path.Combine(output, "model.safetensors")));
        using var loaded = StudentModel.Load(output, out _, QaStudentLabels.All);
        Assert.Equal(QaStudentLabels.All, loaded.Labels);
    }

    [Fact]
    public void The_example_builder_windows_the_source_and_marks_the_value()
    {
        const string text = "Chief Complaint: pain. Pertinent Results: HbA1c 8.1%. Creatinine 1.6 mg/dL. Hospital Course: uneventful stay for three days.";
        var note = new Document("n", text);
        var source = "Creatinine 1.6 mg/dL.";
        var pairs = new[]
        {
            new QaPair("n", "What is the creatinine value?", QaPairType.Numeric, "1.6", "Pertinent Results", source, text.IndexOf(source), 3, "", "t", QaGeneratorKind.Template),
            new QaPair("n", "Does the patient have lupus?", QaPairType.NaBool, "N/A", "Past Medical History", "", -1, 5, "", "t", QaGeneratorKind.Template),
        };
        var examples = QaExampleBuilder.Build(pairs, new Dictionary<string, Document> { ["n"] = note }, contextChars: 10);
        Assert.Contains(source, examples[0].Context);
        Assert.Equal("1.6", examples[0].Context[examples[0].ValueStart..examples[0].ValueEnd]);
        Assert.Equal(AnswerKind.NotAnswerable, examples[1].Kind);
        Assert.Throws<InvalidDataException>(() => QaExampleBuilder.Build(pairs, new Dictionary<string, Document>()));
    }
}
