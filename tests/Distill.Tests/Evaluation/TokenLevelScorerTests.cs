using Distill.Corpora;
using Distill.Evaluation;
using static Distill.Tests.Evaluation.DocumentBuilder;

namespace Distill.Tests.Evaluation;

public class TokenLevelScorerTests
{
    const string D = EntityTypes.Disease, S = EntityTypes.Symptom;
    const string Text = "Patient has type 2 diabetes and chest pain.";

    // Tokens: Patient has type 2 diabetes and chest pain .
    // gold:   O       O   D    D D        O   S     S    O
    // pred:   O       O   O    O D        O   D     D    O
    static readonly Document Gold = Doc("n1", Text, ("type 2 diabetes", D), ("chest pain", S));
    static readonly Document Pred = Doc("n1", Text, ("diabetes", D), ("chest pain", D));

    [Fact]
    public void Hand_computed_counts_per_type()
    {
        var counts = Score([Gold], [Pred], [D, S]);
        var s = counts.Summarize();

        // disease: 'diabetes' both D (tp); 'type','2' gold D only (fn 2); 'chest','pain' pred D only (fp 2).
        Assert.Equal(new PrecisionRecallF1(1, 2, 2), s.PerType[D]);
        // symptom: 'chest','pain' gold S, pred D -> fn 2 for S (and fp for D above).
        Assert.Equal(new PrecisionRecallF1(0, 0, 2), s.PerType[S]);
        Assert.Equal(1.0 / 3, s.PerType[D].F1, 12);
        Assert.Equal(0, s.PerType[S].F1);
        // micro: tp 1, fp 2, fn 4 -> P 1/3, R 1/5, F1 = 2PR/(P+R) = 0.25.
        Assert.Equal(1.0 / 3, s.Micro.Precision, 12);
        Assert.Equal(0.2, s.Micro.Recall, 12);
        Assert.Equal(0.25, s.Micro.F1, 12);
        // macro: mean of per-type F1 = (1/3 + 0) / 2.
        Assert.Equal(1.0 / 6, s.MacroF1, 12);
    }

    [Fact]
    public void Counts_are_kept_per_document_and_sum_to_the_totals()
    {
        var gold2 = Doc("n2", "No chest pain today.", ("chest pain", S));
        var pred2 = Doc("n2", "No chest pain today.", ("chest pain", S));
        var counts = Score([Gold, gold2], [Pred, pred2], [D, S]);

        Assert.Equal(["n1", "n2"], counts.DocumentIds);
        var s = counts.TypeIndex(S);
        Assert.Equal(0, counts.TruePositives[0 * 2 + s]);
        Assert.Equal(2, counts.TruePositives[1 * 2 + s]);
        Assert.Equal(2, counts.FalseNegatives[0 * 2 + s]);
        // Only document 2, twice (a bootstrap-style multiset): symptom tp 4, nothing else.
        var only2 = counts.Summarize([1, 1]);
        Assert.Equal(new PrecisionRecallF1(4, 0, 0), only2.PerType[S]);
        Assert.Equal(2, counts.Summarize().PerType[S].TruePositives);
    }

    [Fact]
    public void Perfect_prediction_scores_one_and_empty_prediction_scores_zero()
    {
        Assert.Equal(1.0, Score([Gold], [Gold], [D, S]).Summarize().Micro.F1);
        var empty = Score([Gold], [Gold.WithSpans([])], [D, S]).Summarize();
        Assert.Equal(0, empty.Micro.F1);
        Assert.Equal(5, empty.Micro.FalseNegatives);
        Assert.Equal(0, empty.Micro.FalsePositives);
    }

    [Fact]
    public void Spans_of_types_not_scored_are_ignored_on_both_sides()
    {
        var pred = Doc("n1", Text, ("type 2 diabetes", D), ("Patient", EntityTypes.Medication));
        var s = Score([Gold.WithSpans(Gold.SpansOf(D))], [pred], [D]).Summarize();
        Assert.Equal(new PrecisionRecallF1(3, 0, 0), s.PerType[D]);
        Assert.Equal([D], s.Types);
    }

    [Fact]
    public void A_span_that_covers_part_of_a_token_tags_the_whole_token()
    {
        // 'diabet' ends inside the token 'diabetes'; IO tagging marks the token, so it is a token-level hit.
        var pred = DocAt("n1", Text, (12, 24, D)); // "type 2 diabe"
        var s = Score([Gold.WithSpans(Gold.SpansOf(D))], [pred], [D]).Summarize();
        Assert.Equal(new PrecisionRecallF1(3, 0, 0), s.PerType[D]);
    }

    [Fact]
    public void Predicted_tag_arrays_can_be_scored_directly()
    {
        var scorer = new TokenLevelScorer();
        var tokenized = scorer.Prepare([Gold], [D, S]);
        Assert.Equal(9, tokenized.Tokens[0].Count);
        Assert.Equal(new byte[] { 0, 0, 1, 1, 1, 0, 2, 2, 0 }, tokenized.TagIds[0]);
        var counts = TokenLevelScorer.Count(tokenized, [new byte[] { 0, 0, 0, 0, 1, 0, 1, 1, 0 }]);
        Assert.Equal(Score([Gold], [Pred], [D, S]).Summarize(), counts.Summarize(), new SummaryComparer());
        var wrongLength = Assert.Throws<ArgumentException>(() => TokenLevelScorer.Count(tokenized, [new byte[3]]));
        Assert.Contains("3 predicted tags for 9 tokens", wrongLength.Message);
    }

    [Fact]
    public void Predictions_must_cover_every_gold_document_with_the_same_text()
    {
        var missing = Assert.Throws<InvalidDataException>(() => DocumentPairing.Align([Gold], [], "sys"));
        Assert.Contains("no prediction for 1 of 1", missing.Message);
        var other = Assert.Throws<InvalidDataException>(() => DocumentPairing.Align([Gold], [new Document("n1", "other text")], "sys"));
        Assert.Contains("different text", other.Message);
        var extra = Assert.Throws<InvalidDataException>(() => DocumentPairing.Align([Gold], [Pred, new Document("n9", "x")], "sys"));
        Assert.Contains("n9", extra.Message);
    }

    static DocumentCounts Score(IReadOnlyList<Document> gold, IReadOnlyList<Document> pred, IReadOnlyList<string> types)
    {
        var scorer = new TokenLevelScorer();
        return scorer.Count(scorer.Prepare(gold, types), DocumentPairing.Align(gold, pred));
    }

    sealed class SummaryComparer : IEqualityComparer<ScoreSummary>
    {
        public bool Equals(ScoreSummary? x, ScoreSummary? y) =>
            x is not null && y is not null && x.Micro == y.Micro && x.Types.SequenceEqual(y.Types) && x.Types.All(t => x.PerType[t] == y.PerType[t]);

        public int GetHashCode(ScoreSummary obj) => obj.Micro.GetHashCode();
    }

    // Moved from the teachers stage's TokenLevelScore, which this scorer replaced.
    [Fact]
    public void Scoring_one_type_drops_spans_of_other_types_and_counts_its_tokens()
    {
        // Tokens: Severe(0) breast(1) cancer(2) and(3) gout(4) .(5)
        var text = "Severe breast cancer and gout.";
        var gold = new Document("d", text, [new EntitySpan(7, 20, "disease", "breast cancer"), new EntitySpan(25, 29, "disease", "gout")]);
        var predicted = gold.WithSpans([new EntitySpan(0, 13, "disease", "Severe breast"), new EntitySpan(21, 24, "symptom", "and")]);
        var scorer = new TokenLevelScorer();
        var score = scorer.Count(scorer.Prepare([gold], ["disease"]), [predicted]).Summarize().PerType["disease"];
        Assert.Equal((1L, 1L, 2L), (score.TruePositives, score.FalsePositives, score.FalseNegatives));
        Assert.Equal(0.5, score.Precision, 6);
        Assert.Equal(1.0 / 3, score.Recall, 6);
        Assert.Equal(0.4, score.F1, 6);
    }

    [Fact]
    public void CountMicro_from_tag_strings_pools_the_per_type_rule_over_types()
    {
        string[] gold = ["disease", "disease", "O", "medication", "O"];
        string[] predicted = ["disease", "O", "medication", "disease", "O"];
        // tp: token 0; fp: tokens 2 and 3 (predicted types that are wrong); fn: tokens 1 and 3.
        Assert.Equal(new PrecisionRecallF1(1, 2, 2), TokenLevelScorer.CountMicro([(gold, predicted)]));
        Assert.Equal(new PrecisionRecallF1(0, 0, 0), TokenLevelScorer.CountMicro([(new[] { "O" }, new[] { "O" })]));
        var mismatch = Assert.Throws<ArgumentException>(() => TokenLevelScorer.CountMicro([(new[] { "O" }, new[] { "O", "O" })]));
        Assert.Contains("1 gold tags but 2 predicted", mismatch.Message);
    }

    [Fact]
    public void CountMicro_agrees_with_the_span_scorer_micro_totals()
    {
        var tokens = ClinicalWordTokenizer.Instance.Tokenize(Text);
        string[] goldTags = IoTagging.Encode(tokens, Gold.Spans), predictedTags = IoTagging.Encode(tokens, Pred.Spans);
        Assert.Equal(Score([Gold], [Pred], [D, S]).Summarize().Micro, TokenLevelScorer.CountMicro([(goldTags, predictedTags)]));
    }
}
