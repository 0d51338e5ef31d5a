using Distill.Teachers.Dictionary;

namespace Distill.Tests.Teachers.Dictionary;

public class TokenTrieMatcherTests
{
    static TokenTrieMatcher Matcher(params string[] terms) =>
        new("disease", terms.Select(t => new LexiconEntry(t, "disease", "X")));

    static string[] Found(TokenTrieMatcher matcher, string text, bool expand = true) =>
        matcher.Match(text, expand).Select(s => s.Text).ToArray();

    [Fact]
    public void Takes_the_longest_match_and_does_not_overlap()
    {
        var matcher = Matcher("breast cancer", "cancer", "hereditary breast cancer", "breast");
        Assert.Equal(["hereditary breast cancer", "cancer"], Found(matcher, "A hereditary breast cancer, not a cancer."));
    }

    [Fact]
    public void Matches_whole_tokens_only()
    {
        var matcher = Matcher("pain");
        Assert.Empty(Found(matcher, "He lives in Spain and paints."));
        Assert.Equal(["pain"], Found(matcher, "Spain: pain."));
    }

    [Fact]
    public void Folds_case_plurals_possessives_spelling_and_spacing()
    {
        var matcher = Matcher("Parkinson's disease", "brain tumor", "X-linked ichthyosis");
        Assert.Equal(["Parkinson disease", "brain tumours", "X - linked\nichthyosis"],
            Found(matcher, "Parkinson disease; brain tumours; X - linked\nichthyosis."));
    }

    [Fact]
    public void Capitalised_abbreviations_match_only_in_capitals()
    {
        var matcher = Matcher("ALL");
        Assert.Empty(Found(matcher, "all of them"));
        Assert.Equal(["ALL"], Found(matcher, "relapsed ALL"));
    }

    [Fact]
    public void Stop_listed_and_too_short_terms_are_dropped()
    {
        var matcher = Matcher("disease", "Syndrome", "ab", "gout");
        Assert.Equal(1, matcher.TermCount);
        Assert.Equal(["gout"], Found(matcher, "a disease, a syndrome, ab, gout"));
    }

    [Fact]
    public void An_abbreviation_defined_after_a_match_labels_its_later_uses()
    {
        var matcher = Matcher("Wilson disease");
        var text = "Wilson disease (WD) is rare. WD affects the liver; wd is not it.";
        Assert.Equal(["Wilson disease", "WD", "WD"], Found(matcher, text));
        Assert.Equal(["Wilson disease"], Found(matcher, text, expand: false));
    }

    [Fact]
    public void A_hyphenated_abbreviation_is_matched_only_when_written_without_spaces()
    {
        var matcher = Matcher("ataxia telangiectasia");
        var text = "Ataxia-telangiectasia (A-T) is rare; A-T patients, not A - T.";
        Assert.Equal(["Ataxia-telangiectasia", "A-T", "A-T"], Found(matcher, text));
    }

    [Fact]
    public void Spans_carry_offsets_into_the_text()
    {
        var text = "Dx: gout.";
        var span = Matcher("gout").Match(text).Single();
        Assert.Equal((4, 8, "disease"), (span.Start, span.End, span.Type));
        Assert.Equal(text[span.Start..span.End], span.Text);
    }
}
