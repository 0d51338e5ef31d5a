using Distill.Teachers.Abbreviations;

namespace Distill.Tests.Teachers.Abbreviations;

public class SchwartzHearstExtractorTests
{
    static (string Short, string Long)[] Pairs(string text) =>
        SchwartzHearstExtractor.Extract(text).Select(d => (d.ShortForm, d.LongForm)).ToArray();

    [Fact]
    public void The_papers_example_matches_inside_words_except_for_the_first_letter()
    {
        // Schwartz and Hearst 2003, section 2: F in "factor", S inside "transcription", H must start a word ("heat", not "shock").
        const string text = "We cloned the heat shock transcription factor (HSF) of yeast.";
        var definition = Assert.Single(SchwartzHearstExtractor.Extract(text));
        Assert.Equal(("HSF", "heat shock transcription factor"), (definition.ShortForm, definition.LongForm));
        Assert.Equal("HSF", text[definition.ShortStart..definition.ShortEnd]);
        Assert.Equal("heat shock transcription factor", text[definition.LongStart..definition.LongEnd]);
    }

    [Theory]
    [InlineData("heat shock transcription factor", "HSF", "heat shock transcription factor")]
    [InlineData("we studied the cell line", "CL", "cell line")]
    [InlineData("patients with Huntington disease", "HD", "Huntington disease")]
    [InlineData("ataxia-telangiectasia", "A-T", "ataxia-telangiectasia")]
    [InlineData("hereditary nonpolyposis colorectal cancer", "HNPCC", "hereditary nonpolyposis colorectal cancer")]
    [InlineData("myotonic dystrophy", "DM", null)]
    [InlineData("cell line", "XL", null)]
    public void The_best_long_form_is_matched_right_to_left(string candidate, string shortForm, string? longForm) =>
        Assert.Equal(longForm, SchwartzHearstExtractor.FindBestLongForm(shortForm, candidate));

    [Fact]
    public void Short_form_before_long_form_in_parentheses()
    {
        var definition = Assert.Single(SchwartzHearstExtractor.Extract("Binding of HSF (heat shock transcription factor) was strong."));
        Assert.Equal(("HSF", "heat shock transcription factor"), (definition.ShortForm, definition.LongForm));
        Assert.Equal(11, definition.ShortStart);
        Assert.Equal(16, definition.LongStart);
    }

    [Fact]
    public void Long_forms_have_at_most_min_of_SF_plus_5_and_twice_SF_words()
    {
        // |SF| = 2: at most 4 words, hyphenated parts counted apart.
        Assert.Equal([("AB", "alpha two three beta")], Pairs("It is alpha two three beta (AB) here."));
        Assert.Empty(Pairs("It is alpha one two three beta (AB) here."));
        Assert.Empty(Pairs("It is alpha one-two three beta (AB) here."));
    }

    [Theory]
    [InlineData("The value (a) was small.")]
    [InlineData("Seen in 12 cases (12).")]
    [InlineData("A mutant DMD (DMD) allele.")]
    [InlineData("A very long name of something (ABCDEFGHIJK).")]
    [InlineData("No parentheses at all.")]
    [InlineData("An open parenthesis (never closed.")]
    public void Invalid_short_forms_and_self_definitions_give_nothing(string text) => Assert.Empty(Pairs(text));

    [Fact]
    public void The_long_form_stays_in_its_clause_and_the_short_form_before_a_remark()
    {
        Assert.Equal([("TNF", "tumor necrosis factor")], Pairs("In mice, tumor necrosis factor (TNF; also cachectin) rises."));
        Assert.Equal([("TNF", "tumor necrosis factor")], Pairs("In mice, tumor necrosis factor (TNF, cachectin) rises."));
    }

    [Fact]
    public void Finds_every_definition_with_its_offsets_across_sentences()
    {
        const string text = "Huntington disease (HD) and Wilson disease (WD) differ. Later, ataxia-telangiectasia (A-T) was seen.";
        var definitions = SchwartzHearstExtractor.Extract(text);
        Assert.Equal([("HD", "Huntington disease"), ("WD", "Wilson disease"), ("A-T", "ataxia-telangiectasia")],
            definitions.Select(d => (d.ShortForm, d.LongForm)));
        Assert.All(definitions, d =>
        {
            Assert.Equal(d.ShortForm, text[d.ShortStart..d.ShortEnd]);
            Assert.Equal(d.LongForm, text[d.LongStart..d.LongEnd]);
        });
    }
}
