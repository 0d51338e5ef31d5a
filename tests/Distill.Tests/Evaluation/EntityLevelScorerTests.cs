using Distill.Corpora;
using Distill.Evaluation;
using static Distill.Tests.Evaluation.DocumentBuilder;

namespace Distill.Tests.Evaluation;

public class EntityLevelScorerTests
{
    const string D = EntityTypes.Disease, S = EntityTypes.Symptom;
    const string Text = "Patient has type 2 diabetes and chest pain.";
    static readonly Document Gold = Doc("n1", Text, ("type 2 diabetes", D), ("chest pain", S));
    static readonly Document Pred = Doc("n1", Text, ("diabetes", D), ("chest pain", D));

    [Fact]
    public void Strict_needs_exact_boundaries_and_type()
    {
        var s = EntityLevelScorer.Count([Gold], [Pred], [D, S], MatchingMode.EntityStrict).Summarize();
        Assert.Equal(new PrecisionRecallF1(0, 2, 1), s.PerType[D]);
        Assert.Equal(new PrecisionRecallF1(0, 0, 1), s.PerType[S]);
        Assert.Equal(0, s.Micro.F1);
    }

    [Fact]
    public void Lenient_accepts_overlap_with_the_same_type_only()
    {
        var s = EntityLevelScorer.Count([Gold], [Pred], [D, S], MatchingMode.EntityLenient).Summarize();
        // 'diabetes' overlaps gold 'type 2 diabetes' (match); 'chest pain' as disease overlaps only a symptom (fp).
        Assert.Equal(0.5, s.PerType[D].Precision, 12);
        Assert.Equal(1.0, s.PerType[D].Recall, 12);
        Assert.Equal(2.0 / 3, s.PerType[D].F1, 12);
        Assert.Equal(0, s.PerType[S].Recall);
        Assert.Equal(0.5, s.Micro.Precision, 12);
        Assert.Equal(0.5, s.Micro.Recall, 12);
    }

    [Fact]
    public void Lenient_counts_each_side_once_when_one_mention_overlaps_two()
    {
        const string text = "lung and liver cancer";
        var twoGold = DocAt("a", text, (0, 4, D), (9, 21, D));
        var onePred = DocAt("a", text, (0, 21, D));
        var s = EntityLevelScorer.Count([twoGold], [onePred], [D], MatchingMode.EntityLenient).Summarize().PerType[D];
        Assert.Equal((1.0, 1.0), (s.Precision, s.Recall));
        Assert.Equal((2L, 1L), (s.TruePositives, s.PredictedTruePositives));

        // One gold mention split into two predictions: the second overlaps only an already matched gold
        // mention and is dropped (n2c2 Track 2), so it is neither a second match nor a false positive.
        var reverse = EntityLevelScorer.Count([onePred], [twoGold], [D], MatchingMode.EntityLenient).Summarize().PerType[D];
        Assert.Equal((1.0, 1.0), (reverse.Precision, reverse.Recall));
        Assert.Equal((1L, 1L, 0L), (reverse.TruePositives, reverse.PredictedTruePositives, reverse.FalsePositives));
    }

    [Fact]
    public void Lenient_split_predictions_do_not_inflate_precision()
    {
        const string text = "lung and liver cancer; no fever";
        var gold = DocAt("a", text, (0, 21, D));
        var pred = DocAt("a", text, (0, 4, D), (9, 21, D), (26, 31, D)); // two pieces of the gold mention, one spurious
        var s = EntityLevelScorer.Count([gold], [pred], [D], MatchingMode.EntityLenient).Summarize().PerType[D];
        Assert.Equal(0.5, s.Precision, 12); // 1 match, 1 false positive; the second piece is not counted
        Assert.Equal(1.0, s.Recall, 12);
    }

    [Fact]
    public void Seqeval_documented_example_gives_its_documented_report()
    {
        // seqeval README: y_true = [['O','O','O','B-MISC','I-MISC','I-MISC','O'], ['B-PER','I-PER','O']]
        //                 y_pred = [['O','O','B-MISC','I-MISC','I-MISC','I-MISC','O'], ['B-PER','I-PER','O']]
        // f1_score = precision = recall = 0.50; report: MISC 0.00/0.00/0.00 (support 1), PER 1.00/1.00/1.00 (1),
        // micro avg 0.50/0.50/0.50, macro avg 0.50/0.50/0.50.
        var gold = new[] { FromBio("s1", ["O", "O", "O", "B-MISC", "I-MISC", "I-MISC", "O"]), FromBio("s2", ["B-PER", "I-PER", "O"]) };
        var pred = new[] { FromBio("s1", ["O", "O", "B-MISC", "I-MISC", "I-MISC", "I-MISC", "O"]), FromBio("s2", ["B-PER", "I-PER", "O"]) };
        var s = EntityLevelScorer.Count(gold, pred, ["MISC", "PER"], MatchingMode.EntityStrict).Summarize();

        Assert.Equal((0.0, 0.0, 0.0, 1L), (s.PerType["MISC"].Precision, s.PerType["MISC"].Recall, s.PerType["MISC"].F1, s.PerType["MISC"].Support));
        Assert.Equal((1.0, 1.0, 1.0, 1L), (s.PerType["PER"].Precision, s.PerType["PER"].Recall, s.PerType["PER"].F1, s.PerType["PER"].Support));
        Assert.Equal((0.5, 0.5, 0.5), (s.Micro.Precision, s.Micro.Recall, s.Micro.F1));
        Assert.Equal((0.5, 0.5, 0.5), (s.MacroPrecision, s.MacroRecall, s.MacroF1));
    }

    [Fact]
    public void Seqeval_documented_averages_example()
    {
        // seqeval README (F1 score): y_true = [['O','O','B-MISC','I-MISC','B-MISC','O','O'], ['B-PER','I-PER','O']]
        //                            y_pred = [['O','O','B-MISC','I-MISC','B-MISC','I-MISC','O'], ['B-PER','I-PER','O']]
        // f1_score(average=None) = [0.5, 1.0]; average='micro' = 0.6666666666666666; average='macro' = 0.75.
        var gold = new[] { FromBio("s1", ["O", "O", "B-MISC", "I-MISC", "B-MISC", "O", "O"]), FromBio("s2", ["B-PER", "I-PER", "O"]) };
        var pred = new[] { FromBio("s1", ["O", "O", "B-MISC", "I-MISC", "B-MISC", "I-MISC", "O"]), FromBio("s2", ["B-PER", "I-PER", "O"]) };
        var s = EntityLevelScorer.Count(gold, pred, ["MISC", "PER"], MatchingMode.EntityStrict).Summarize();
        Assert.Equal(0.5, s.PerType["MISC"].F1, 12);
        Assert.Equal(1.0, s.PerType["PER"].F1, 12);
        Assert.Equal(2.0 / 3, s.Micro.F1, 12);
        Assert.Equal(0.75, s.MacroF1, 12);
    }

    [Fact]
    public void Seqeval_default_mode_example_reads_a_leading_I_as_a_chunk_start()
    {
        // seqeval README (default mode): y_true [['B-NP','I-NP','O']], y_pred [['I-NP','I-NP','O']] -> NP 1.00 1.00 1.00.
        var s = EntityLevelScorer.Count([FromBio("s", ["B-NP", "I-NP", "O"])], [FromBio("s", ["I-NP", "I-NP", "O"])], ["NP"], MatchingMode.EntityStrict)
            .Summarize();
        Assert.Equal(1.0, s.PerType["NP"].F1);
    }

    [Fact]
    public void Seqeval_example_at_token_level_counts_the_extra_token_only()
    {
        // The same MISC mention one token too early at the start: entity-level it is wrong, token-level 3 of 4 tokens agree.
        var gold = FromBio("s1", ["O", "O", "O", "B-MISC", "I-MISC", "I-MISC", "O"]);
        var pred = FromBio("s1", ["O", "O", "B-MISC", "I-MISC", "I-MISC", "I-MISC", "O"]);
        var scorer = new TokenLevelScorer();
        var s = scorer.Count(scorer.Prepare([gold], ["MISC"]), [pred]).Summarize();
        Assert.Equal(new PrecisionRecallF1(3, 1, 0), s.PerType["MISC"]);
        var lenient = EntityLevelScorer.Count([gold], [pred], ["MISC"], MatchingMode.EntityLenient).Summarize();
        Assert.Equal(1.0, lenient.Micro.F1);
    }

    [Fact]
    public void System_evaluation_scores_gold_types_by_default_under_all_modes()
    {
        var e = SystemEvaluation.Evaluate("sys", [Gold], [Pred]);
        Assert.Equal([D, S], e.Types);
        Assert.Equal(0.25, e.Summary(MatchingMode.TokenIo).Micro.F1, 12);
        Assert.Equal(0, e.Summary(MatchingMode.EntityStrict).Micro.F1);
        Assert.Equal(0.5, e.Summary(MatchingMode.EntityLenient).Micro.F1, 12);
    }
}
