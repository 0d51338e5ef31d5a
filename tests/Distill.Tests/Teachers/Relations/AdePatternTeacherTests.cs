using Distill.Corpora;
using Distill.Corpora.Relations;
using Distill.Teachers.Relations;

namespace Distill.Tests.Teachers.Relations;

/// <summary>The offline relation teachers over the shipped vocabularies, on sentences written here.</summary>
public class AdePatternTeacherTests
{
    static readonly Lazy<AdeMentionRecognizer> Mentions = new(() => AdeMentionRecognizer.Create(ShippedTeachers.Value));

    static AdePatternTeacher Teacher(AdePairingRule rule) => new(Mentions.Value, rule);

    static IEnumerable<(string Drug, string Event)> PairsOf(AdePairingRule rule, string text) =>
        Teacher(rule).Pairs(text).Select(p => (p.Drug.Text, p.AdverseEvent.Text));

    [Theory]
    [InlineData("Intravenous azithromycin-induced ototoxicity.", "azithromycin", "ototoxicity")]
    [InlineData("Severe hepatitis due to isoniazid in an elderly man.", "isoniazid", "hepatitis")]
    [InlineData("Pancreatitis following treatment with azathioprine.", "azathioprine", "Pancreatitis")]
    [InlineData("Thrombocytopenia in a patient treated with heparin.", "heparin", "Thrombocytopenia")]
    public void Case_report_patterns_pair_the_drug_with_its_event(string text, string drug, string ev)
    {
        Assert.Contains((drug, ev), PairsOf(AdePairingRule.Patterns, text));
    }

    [Fact]
    public void A_sentence_with_no_causal_link_gives_no_pattern_pairs()
    {
        Assert.Empty(PairsOf(AdePairingRule.Patterns, "Aspirin is widely prescribed; hepatitis is common in this region."));
        Assert.Empty(PairsOf(AdePairingRule.Patterns, "No drug was named and the patient recovered."));
    }

    [Fact]
    public async Task It_answers_pairs_through_the_span_contract_and_reads_only_the_text()
    {
        // Gold spans on the document that disagree with the text's pair: the teacher must not read them.
        var document = new Document("s1", "Intravenous azithromycin-induced ototoxicity.", [new EntitySpan(0, 11, "adverse_effect", "Intravenous")]);
        var labeling = await Teacher(AdePairingRule.Patterns).LabelAsync(document, PairSpans.EntityType);
        Assert.True(labeling.Succeeded, labeling.Error);
        var pair = Assert.Single(PairSpans.Decode(labeling.Spans));
        Assert.Equal(("azithromycin", "ototoxicity"), (pair.Drug.Text, pair.AdverseEvent.Text));
        Assert.False((await Teacher(AdePairingRule.Patterns).LabelAsync(document, EntityTypes.Disease)).Succeeded);
    }

    [Fact]
    public void Cooccurrence_finds_at_least_what_the_nearest_drug_rule_finds()
    {
        const string text = "Hepatitis and rash developed after isoniazid and rifampicin.";
        var co = PairsOf(AdePairingRule.Cooccurrence, text).ToHashSet();
        var nearest = PairsOf(AdePairingRule.NearestDrug, text).ToArray();
        Assert.NotEmpty(nearest);
        Assert.All(nearest, p => Assert.Contains(p, co));
        Assert.True(co.Count > nearest.Length);
    }
}
