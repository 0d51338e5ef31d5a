using Distill.Corpora;

namespace Distill.Tests.Corpora;

public class ClinicalWordTokenizerTests
{
    static string[] Words(string text) => ClinicalWordTokenizer.Instance.Tokenize(text).Select(t => t.Text).ToArray();

    [Theory]
    [InlineData("aspirin 10mg daily", new[] { "aspirin", "10", "mg", "daily" })]
    [InlineData("5.0mg/kg", new[] { "5.0", "mg", "/", "kg" })]
    [InlineData("metoprolol 25 mg b.i.d.", new[] { "metoprolol", "25", "mg", "b.i.d." })]
    [InlineData("take p.o. q.d., e.g. now", new[] { "take", "p.o.", "q.d.", ",", "e.g.", "now" })]
    [InlineData("morphine q6h prn", new[] { "morphine", "q6h", "prn" })]
    [InlineData("Na+ 135, K+ 3.9, Cl- 101", new[] { "Na+", "135", ",", "K+", "3.9", ",", "Cl-", "101" })]
    [InlineData("Ca2+ and Mg2+", new[] { "Ca2+", "and", "Mg2+" })]
    [InlineData("chest x-ray", new[] { "chest", "x", "-", "ray" })]
    [InlineData("T-cell lymphoma", new[] { "T", "-", "cell", "lymphoma" })]
    [InlineData("seen 2/14/2019 and 2019-02-14", new[] { "seen", "2/14/2019", "and", "2019-02-14" })]
    [InlineData("given at 10:30 and 14:05:09, ratio 1:2", new[] { "given", "at", "10:30", "and", "14:05:09", ",", "ratio", "1", ":", "2" })]
    [InlineData("SpO2 98% on 2L, HbA1c 7.2%", new[] { "SpO2", "98", "%", "on", "2", "L", ",", "HbA1c", "7.2", "%" })]
    [InlineData("locus 12q13 and 10a5", new[] { "locus", "12q13", "and", "10a5" })]
    [InlineData("s/p CABG x3", new[] { "s", "/", "p", "CABG", "x3" })]
    [InlineData("BP 120/80, HR 1,000.5", new[] { "BP", "120", "/", "80", ",", "HR", "1,000.5" })]
    [InlineData("HIV/AIDS and/or", new[] { "HIV", "/", "AIDS", "and", "/", "or" })]
    [InlineData("BRCA1-associated cancer", new[] { "BRCA1", "-", "associated", "cancer" })]
    [InlineData("Parkinson's disease (PD).", new[] { "Parkinson's", "disease", "(", "PD", ")", "." })]
    [InlineData("[**2100-1-1**]", new[] { "[", "*", "*", "2100-1-1", "*", "*", "]" })]
    [InlineData("was 5. Then", new[] { "was", "5", ".", "Then" })]
    public void Clinical_cases(string text, string[] expected) => Assert.Equal(expected, Words(text));

    [Fact]
    public void Newlines_and_tabs_separate_and_offsets_index_the_text()
    {
        const string text = "Dx:\r\n\tHTN\n\nRx: lisinopril";

        var tokens = ClinicalWordTokenizer.Instance.Tokenize(text);

        Assert.Equal(["Dx", ":", "HTN", "Rx", ":", "lisinopril"], tokens.Select(t => t.Text));
        Assert.All(tokens, t => Assert.Equal(t.Text, text[t.Start..t.End]));
        Assert.DoesNotContain(tokens, t => t.Text.Any(char.IsWhiteSpace));
    }

    [Fact]
    public void Every_non_space_character_of_the_ncbi_corpus_is_in_exactly_one_token()
    {
        foreach (var doc in NcbiDiseaseCorpusTests.Shipped.Splits.Values.SelectMany(d => d))
        {
            var covered = new int[doc.Text.Length];
            var previousEnd = 0;
            foreach (var t in ClinicalWordTokenizer.Instance.Tokenize(doc.Text))
            {
                Assert.True(t.Start >= previousEnd && t.End > t.Start);
                for (var i = t.Start; i < t.End; i++) covered[i]++;
                previousEnd = t.End;
            }
            for (var i = 0; i < covered.Length; i++)
                Assert.True(covered[i] == (char.IsWhiteSpace(doc.Text[i]) ? 0 : 1), $"{doc.Id} char {i}");
        }
    }
}
