using Distill.Teachers.Embedding;

namespace Distill.Tests.Teachers.Embedding;

public sealed class CandidatePhraseExtractorTests
{
    static string[] Texts(string text, CandidateRules? rules = null) =>
        new CandidatePhraseExtractor(rules).Extract(text).Select(c => c.Text).ToArray();

    [Fact]
    public void Chunks_end_at_stop_words_and_punctuation_and_every_short_sub_span_is_a_candidate()
    {
        var texts = Texts("Patients with severe hereditary breast cancer, and the others.");
        Assert.Equal(["severe", "severe hereditary", "severe hereditary breast", "severe hereditary breast cancer", "hereditary", "hereditary breast",
            "hereditary breast cancer", "breast", "breast cancer", "cancer", "others"], texts);
    }

    [Fact]
    public void Hyphenated_and_slashed_compounds_are_one_word_and_coordinations_stay_whole()
    {
        var candidates = new CandidatePhraseExtractor().Extract("X-linked ataxia-telangiectasia and breast/ovarian cancer (A-T).");
        Assert.Contains(candidates, c => c.Text == "X-linked ataxia-telangiectasia" && c.Words == 2);
        Assert.Contains(candidates, c => c.Text == "breast/ovarian cancer" && c.Words == 2);
        Assert.Contains(candidates, c => c.Text == "X-linked ataxia-telangiectasia and breast/ovarian cancer" && c.Words == 5);
        Assert.DoesNotContain(candidates, c => c.Text.StartsWith("and") || c.Text.EndsWith("and"));
        Assert.DoesNotContain(candidates, c => c.Text.Contains('(') || c.Text == "A-T"); // punctuation ends a chunk; A-T has no 3-letter word
        Assert.DoesNotContain(Texts("ataxia and cancer", new CandidateRules { JoinCoordinations = false }), t => t.Contains("and"));
    }

    [Fact]
    public void Line_breaks_and_numbers_end_chunks_and_limits_hold()
    {
        Assert.DoesNotContain(Texts("renal failure\nchronic cough"), t => t.Contains('\n'));
        Assert.DoesNotContain(Texts("gout 12 flares"), t => t.Contains("12"));
        var rules = new CandidateRules { MaxWords = 2, Spans = CandidateSpans.EndingAtHead };
        Assert.Equal(["cell carcinoma", "carcinoma"], Texts("renal cell carcinoma", rules));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CandidatePhraseExtractor(new CandidateRules { MaxWords = 0 }));
    }
}
