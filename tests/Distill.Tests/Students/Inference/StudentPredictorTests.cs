using Distill.Corpora;
using Distill.Students;
using Distill.Students.Inference;
using Distill.Students.Modeling;
using Distill.Students.Training;

namespace Distill.Tests.Students.Inference;

/// <summary>Trains one tiny student on synthetic notes (a few seconds) and checks prediction end to end.</summary>
public sealed class StudentPredictorTests : IClassFixture<StudentPredictorTests.TrainedStudent>
{
    public sealed class TrainedStudent : IDisposable
    {
        readonly string dir = Directory.CreateTempSubdirectory("distill-predict-").FullName;

        public TrainedStudent()
        {
            var train = SyntheticNotes.Make(32, seed: 11);
            Student = DefaultStudent.Create(train.Select(d => d.Text), StudentTrainer.LabelsOf(train), dir, seed: 1,
                adjust: c => c with { HiddenSize = 32, NumHiddenLayers = 2, NumAttentionHeads = 2, IntermediateSize = 64, MaxPositionEmbeddings = 64 });
            var options = new TrainingOptions { LearningRate = 3e-3, Epochs = 6, MaxLength = 64, WindowOverlap = 8, EarlyStoppingPatience = 0 };
            new StudentTrainer(options).Train(Student, train, SyntheticNotes.Make(8, seed: 12), Path.Combine(dir, "out"));
        }

        public StudentModel Student { get; }

        /// <summary>Where the trainer saved the best epoch (a student folder).</summary>
        public string SavedDirectory => Path.Combine(dir, "out");

        public void Dispose()
        {
            Student.Dispose();
            Directory.Delete(dir, recursive: true);
        }
    }

    readonly StudentModel student;
    readonly string saved;

    public StudentPredictorTests(TrainedStudent fixture)
    {
        student = fixture.Student;
        saved = fixture.SavedDirectory;
    }

    [Fact]
    public void Notes_predicted_together_get_the_spans_they_get_one_at_a_time_in_input_order()
    {
        // Issue 16: distill predict batches the windows of many notes by length; padding must not change a span.
        var notes = SyntheticNotes.Make(10, seed: 41, sentences: 5).Select(d => new Note(d.Id, d.Text)).ToArray();
        var predictor = new StudentPredictor(student, batchSize: 4, maxLength: 24, overlap: 6);
        var together = predictor.Predict(notes);
        Assert.Equal(notes.Select(n => n.Id), together.Select(d => d.Id));
        Assert.Equal(notes.Select(n => n.Text), together.Select(d => d.Text));
        var alone = notes.Select(n => predictor.Predict(n.Id, n.Text)).ToArray();
        Assert.Equal(alone.Select(d => d.Spans), together.Select(d => d.Spans));
        Assert.Contains(together, d => d.Spans.Count > 0); // the trained student finds mentions, so the comparison means something
        Assert.Empty(predictor.Predict(Array.Empty<Note>()));
    }

    [Fact]
    public void ONNX_Runtime_predicts_the_same_tags_as_TorchSharp_and_int8_nearly_the_same()
    {
        var notes = SyntheticNotes.Make(12, seed: 31, sentences: 6).Select(d => (IReadOnlyList<Token>)d.Tokens).ToArray();
        using var torch = StudentBackends.Open(saved, StudentBackendKind.Torch, "cpu");
        using var onnx = StudentBackends.Open(saved, StudentBackendKind.Onnx, "cpu");
        using var int8 = StudentBackends.Open(saved, StudentBackendKind.OnnxInt8, "cpu");
        // maxLength 24 cuts the notes into overlapping windows of different lengths, so batches are padded.
        var expected = new StudentPredictor(torch, batchSize: 4, maxLength: 24, overlap: 6).PredictTags(notes);
        Assert.Equal(expected, new StudentPredictor(onnx, batchSize: 4, maxLength: 24, overlap: 6).PredictTags(notes));
        var quantized = new StudentPredictor(int8, batchSize: 4, maxLength: 24, overlap: 6).PredictTags(notes);
        var same = expected.Zip(quantized).Sum(p => p.First.Zip(p.Second).Count(t => t.First == t.Second));
        var total = expected.Sum(t => t.Length);
        Assert.True(same >= 0.98 * total, $"int8 tags equal to fp32 on {same} of {total} words");
    }

    [Fact]
    public void Finds_mentions_as_character_spans()
    {
        const string text = "the patient takes warfarin for asthma .";
        var spans = new StudentPredictor(student).Predict(text);
        Assert.Contains(new EntitySpan(18, 26, EntityTypes.Medication, "warfarin"), spans);
        Assert.Contains(new EntitySpan(31, 37, EntityTypes.Disease, "asthma"), spans);
    }

    [Fact]
    public void A_note_longer_than_a_window_is_merged_back_from_overlapping_windows()
    {
        var note = SyntheticNotes.Make(1, seed: 13, sentences: 20)[0];
        var windowed = new StudentPredictor(student, maxLength: 24, overlap: 6);
        var words = ClinicalWordTokenizer.Instance.Tokenize(note.Text);
        Assert.True(Distill.Students.Tokenization.DocumentWindows.Create(words, student.Encoder, 24, 6).Windows.Count > 5);
        var tags = windowed.PredictTags([words])[0];
        Assert.Equal(words.Count, tags.Length);
        var f1 = TokenLevelF1.Compute([(note.Tags, tags)]);
        Assert.True(f1.F1 > 0.9, $"F1 over a 20-sentence note in 24-piece windows: {f1.F1:F3}");
    }

    [Fact]
    public void Documents_of_different_lengths_batched_together_give_the_same_tags_as_alone()
    {
        var notes = SyntheticNotes.Make(5, seed: 14).Select((d, i) => (IReadOnlyList<Token>)d.Tokens.Take(6 + 3 * i).ToArray()).ToArray();
        var predictor = new StudentPredictor(student, batchSize: 5);
        var together = predictor.PredictTags(notes);
        for (var i = 0; i < notes.Length; i++)
            Assert.Equal(predictor.PredictTags([notes[i]])[0], together[i]);
    }
}
