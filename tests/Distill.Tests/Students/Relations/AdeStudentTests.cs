using Distill.Aggregation.Relations;
using Distill.Corpora;
using Distill.Corpora.Relations;
using Distill.Students.Relations;
using Distill.Students.Training;
using static TorchSharp.torch;

namespace Distill.Tests.Students.Relations;

/// <summary>The drug-conditioned ADE student and the drug-marker ablation on the tiny BERT fixture.</summary>
public sealed class AdeStudentTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("distill-ade-student-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    internal static IReadOnlyList<AdeDistillationLine> Lines()
    {
        static AdeDistillationLine Line(string id, string text, string drug, string? ev)
        {
            var d = new EntitySpan(text.IndexOf(drug, StringComparison.Ordinal), text.IndexOf(drug, StringComparison.Ordinal) + drug.Length, AdeTypes.Drug, drug);
            var pairs = ev is null ? [] : new[] { (new AdePair(d, new EntitySpan(text.IndexOf(ev, StringComparison.Ordinal), text.IndexOf(ev, StringComparison.Ordinal) + ev.Length, AdeTypes.AdverseEffect, ev)), 1.0) };
            return AdeDistillationLine.From(id, text, [d], pairs);
        }
        return
        [
            Line("s1", "the cancer after the drug", "drug", "cancer"),
            Line("s2", "the drug and the cancer", "drug", "cancer"),
            Line("s3", "no cancer with the drug", "drug", null),
            Line("s4", "cancer induced by the drug", "drug", "cancer"),
        ];
    }

    static TrainingOptions Options(int epochs) => new() { LearningRate = 1e-3, Epochs = epochs, BatchSize = 2, MaxLength = 32, WindowOverlap = 0, Seed = 3 };

    [Fact]
    public void One_encoder_pass_gives_drug_logits_per_sentence_and_event_logits_per_drug()
    {
        using var student = DrugConditionedAdeStudent.Create(TinyBert.Directory, seed: 1);
        var encoded = Lines().Take(2).Select(l => AdeSentenceEncoding.Create(l.Text, student.Encoder, 32)).ToArray();
        var (ids, mask) = Distill.Students.Tokenization.WindowBatch.Inputs(encoded.Select(e => e.InputIds).ToArray(), student.Encoder.PadId, CPU);
        var t = (int)ids.shape[1];
        IReadOnlyList<EntitySpan>[] drugs = [Lines()[0].ToDrugs(), [.. Lines()[1].ToDrugs(), new EntitySpan(4, 8, AdeTypes.Drug, "drug")]];
        var (pieces, sentence, owners) = DrugConditionedAdeStudent.DrugInputs(encoded, drugs, t);
        var (drugLogits, eventLogits) = student.Forward(ids, mask, pieces, sentence);
        Assert.Equal([2L, t, 2L], drugLogits.shape);
        Assert.Equal([3L, t, 2L], eventLogits!.shape);
        Assert.Equal([0, 1, 1], owners.Select(o => o.Sentence));
    }

    [Fact]
    public void Training_lowers_the_loss_saves_our_layout_with_the_head_named_and_resumes()
    {
        var output = Path.Combine(dir, "conditioned");
        var result = new DrugConditionedAdeTrainer(Options(6)).Train(TinyBert.Directory, Lines(), output);
        Assert.False(result.Resumed);
        Assert.True(result.EpochLosses[^1] < result.EpochLosses[0], string.Join(", ", result.EpochLosses));
        Assert.Equal(AdeStudentHead.DrugConditioned, AdeStudentHead.Read(output));
        Assert.True(File.Exists(Path.Combine(output, AdeStudentHead.HeadFile)));
        Assert.True(File.Exists(Path.Combine(output, "model.safetensors")));

        var texts = Lines().Select(l => l.Text).ToArray();
        using var loaded = DrugConditionedAdeStudent.Load(output);
        var given = Lines().Select(l => l.ToDrugs()).ToArray();
        var first = loaded.Predict(texts, 32, given);
        var second = loaded.Predict(texts, 32, given);
        Assert.Equal(first.Select(p => p.Pairs.Select(x => x.Key)), second.Select(p => p.Pairs.Select(x => x.Key)));
        Assert.All(first.SelectMany(p => p.Pairs), p => Assert.Equal("drug", p.Drug.Text));

        // The event bias reaches the decision: 0 is the argmax; a huge one tags no event; a hugely negative one tags every
        // word, so the one event span covers the drug and is dropped (an event never overlaps its own drug).
        Assert.Equal(first.Select(p => p.Pairs.Select(x => x.Key)), loaded.Predict(texts, 32, given, eventBias: 0).Select(p => p.Pairs.Select(x => x.Key)));
        Assert.True(first.Sum(p => p.Pairs.Count) > 0);
        Assert.Equal(0, loaded.Predict(texts, 32, given, eventBias: 50).Sum(p => p.Pairs.Count));
        Assert.Equal(0, loaded.Predict(texts, 32, given, eventBias: -50).Sum(p => p.Pairs.Count));

        var again = new DrugConditionedAdeTrainer(Options(6)).Train(TinyBert.Directory, Lines(), output);
        Assert.True(again.Resumed);
        // Other settings are another training, not a resume.
        Assert.Null(DrugConditionedAdeTrainer.Finished(output, "another fingerprint"));
    }

    [Fact]
    public void A_folder_without_the_head_is_refused_with_its_name()
    {
        var e = Assert.Throws<InvalidDataException>(() => DrugConditionedAdeStudent.Load(TinyBert.Directory));
        Assert.Contains(TinyBert.Directory, e.Message);
    }

    [Fact]
    public void Markers_wrap_the_drug_words_and_the_ablation_trains_and_predicts_per_drug()
    {
        var words = ClinicalWordTokenizer.Instance.Tokenize("the cancer after the drug");
        var marked = DrugMarkerAdeStudent.Mark(words, new EntitySpan(21, 25, AdeTypes.Drug, "drug"));
        Assert.Equal(["the", "cancer", "after", "the", "[[", "drug", "]]"], marked.Select(t => t.Text));
        var examples = DrugMarkerAdeStudent.Examples(Lines());
        Assert.Equal(4, examples.Count);
        Assert.Equal([AdeTypes.AdverseEffect], examples[0].Tags.Where(t => t != IoTagging.Outside));

        var output = Path.Combine(dir, "markers");
        var result = DrugMarkerAdeStudent.Train(TinyBert.Directory, Lines(), Options(1), output);
        Assert.Equal(4, result.Examples);
        Assert.Equal(AdeStudentHead.DrugMarkers, AdeStudentHead.Read(output));
        using var student = Distill.Students.StudentModel.Load(output, out _, DrugMarkerAdeStudent.Labels);
        var pairs = DrugMarkerAdeStudent.Predict(student, Lines().Select(l => l.Text).ToArray(), Lines().Select(l => l.ToDrugs()).ToArray(), 32);
        Assert.Equal(4, pairs.Count);
        Assert.All(pairs.SelectMany(p => p), p => Assert.False(p.Drug.Overlaps(p.AdverseEvent)));
        Assert.Equal(0, DrugMarkerAdeStudent.Predict(student, Lines().Select(l => l.Text).ToArray(), Lines().Select(l => l.ToDrugs()).ToArray(), 32, eventBias: 50).Sum(p => p.Count));
        // The predictor's logit bias moves every word's decision: a large bias on a label makes every word that label.
        var sentence = new[] { (IReadOnlyList<Token>)words };
        Assert.All(new Distill.Students.Inference.StudentPredictor(student) { LogitBias = [0f, 50f] }.PredictTags(sentence)[0], t => Assert.Equal(AdeTypes.AdverseEffect, t));
        Assert.All(new Distill.Students.Inference.StudentPredictor(student) { LogitBias = [50f, 0f] }.PredictTags(sentence)[0], t => Assert.Equal(IoTagging.Outside, t));
        Assert.Throws<ArgumentException>(() => new Distill.Students.Inference.StudentPredictor(student) { LogitBias = [1f, 2f, 3f] });
    }

    [Fact]
    public void The_event_bias_with_the_best_dev_F1_is_chosen_and_a_tie_goes_to_the_one_closer_to_the_argmax()
    {
        Assert.Equal(1.5, EventDecision.Choose([(0, 0.20), (0.5, 0.25), (1.5, 0.31), (2, 0.30)]));
        Assert.Equal(-1, EventDecision.Choose([(-1, 0.22), (0, 0.20), (1, 0.10)]));
        Assert.Equal(0.5, EventDecision.Choose([(1.0, 0.30), (0.5, 0.30), (0, 0.10)]));
        Assert.Equal(-0.5, EventDecision.Choose([(1.0, 0.30), (-0.5, 0.30), (0.5, 0.30)]));
        Assert.Equal(0, EventDecision.Choose([(-1, 0.0), (0, 0.0), (1, 0.0)]));
        Assert.Throws<ArgumentException>(() => EventDecision.Choose([]));
        Assert.Contains(0.0, EventDecision.Grid); // the argmax is always a candidate
    }
}
