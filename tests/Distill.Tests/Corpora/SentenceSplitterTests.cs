using Distill.Corpora;

namespace Distill.Tests.Corpora;

public class SentenceSplitterTests
{
    static string[] Split(string text, SentenceSplitterOptions? options = null) =>
        new SentenceSplitter(options).Split(text).Select(s => s.Text).ToArray();

    [Fact]
    public void Splits_at_terminal_punctuation_before_a_capital_or_digit()
    {
        Assert.Equal(["Pt stable.", "Seen by Dr. Smith today!", "Is he better?", "2 days later (improved)."],
            Split("Pt stable. Seen by Dr. Smith today! Is he better? 2 days later (improved)."));
    }

    [Fact]
    public void Keeps_clinical_abbreviations_initials_and_list_numbers_inside()
    {
        Assert.Equal(["Take aspirin 81 mg p.o. Daily with food, e.g. Breakfast.", "J. Smith agreed."],
            Split("Take aspirin 81 mg p.o. Daily with food, e.g. Breakfast. J. Smith agreed."));
        Assert.Equal(["Problems:\n1. Diabetes\n2. HTN"], Split("Problems:\n1. Diabetes\n2. HTN"));
        Assert.Equal(["Sodium was 140.", "She improved."], Split("Sodium was 140. She improved."));
    }

    [Fact]
    public void Blank_lines_always_split_single_newlines_only_when_asked()
    {
        const string text = "HPI: chest pain\nradiating to arm\n\n  Plan: ECG";

        Assert.Equal(["HPI: chest pain\nradiating to arm", "Plan: ECG"], Split(text));
        Assert.Equal(["HPI: chest pain", "radiating to arm", "Plan: ECG"], Split(text, new SentenceSplitterOptions(BreakAtNewline: true)));
    }

    [Fact]
    public void Offsets_index_the_text_on_the_real_ncbi_corpus()
    {
        var crossing = new List<string>();
        var sentences = 0;
        foreach (var doc in NcbiDiseaseCorpusTests.Shipped.Splits.Values.SelectMany(d => d))
        {
            var split = SentenceSplitter.Default.Split(doc.Text);
            sentences += split.Count;
            Assert.All(split, s => Assert.Equal(s.Text, doc.Text[s.Start..s.End]));
            crossing.AddRange(doc.Spans.Where(m => !split.Any(s => s.Start <= m.Start && m.End <= s.End))
                .Select(m => $"{doc.Id} '{doc.Text[Math.Max(0, m.Start - 30)..Math.Min(doc.Text.Length, m.End + 30)]}'"));
        }
        // A mention split across two sentences would be cut by sentence-level models; the splitter must not do that.
        Assert.True(crossing.Count == 0, string.Join("\n", crossing));
        Assert.InRange(sentences, 793 * 5, 793 * 15);
    }
}
