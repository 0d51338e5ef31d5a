using Distill.Teachers.Relations;

namespace Distill.Tests.Teachers.Relations;

public class AdePairParserTests
{
    [Theory]
    [InlineData("[{\"drug\": \"azithromycin\", \"adverse_event\": \"ototoxicity\"}]")]
    [InlineData("Here you go:\n```json\n[{\"Drug\": \"azithromycin\", \"Adverse Effect\": \"ototoxicity\"}]\n```\nHope this helps.")]
    [InlineData("{\"pairs\": [[\"azithromycin\", \"ototoxicity\"]]}")]
    [InlineData("{\"drug\": \"azithromycin\", \"effect\": \"ototoxicity\"}")]
    [InlineData("[{\"drug\": \"azithromycin\", \"adverse_event\": \"ototoxicity\"}, {\"drug\": \"Azithromycin\", \"adverse_event\": \"OTOTOXICITY\"},]")]
    public void Reads_the_shapes_models_answer_in(string answer)
    {
        var parsed = AdePairParser.Parse(answer);
        Assert.True(parsed.Succeeded, parsed.Error);
        var pair = Assert.Single(parsed.Pairs);
        Assert.Equal("azithromycin", pair.Drug, ignoreCase: true);
        Assert.Equal("ototoxicity", pair.AdverseEvent, ignoreCase: true);
    }

    [Fact]
    public void An_effect_list_gives_one_pair_per_effect_and_an_empty_list_no_pairs()
    {
        Assert.Equal(2, AdePairParser.Parse("[{\"drug\": \"lithium\", \"adverse_events\": [\"tremor\", \"polyuria\"]}]").Pairs.Count);
        var none = AdePairParser.Parse("[]");
        Assert.True(none.Succeeded);
        Assert.Empty(none.Pairs);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no adverse events here")]
    [InlineData("[42]")]
    [InlineData("[{\"drug\": \"x\"")]
    public void Unreadable_answers_are_errors_not_exceptions(string answer)
    {
        var parsed = AdePairParser.Parse(answer);
        Assert.False(parsed.Succeeded);
        Assert.NotNull(parsed.Error);
    }

    [Fact]
    public void Locate_places_pairs_on_word_boundaries_and_counts_those_not_in_the_text()
    {
        const string text = "Lithium toxicity after lithium and haloperidol.";
        var (pairs, notFound) = LlmPairTeacher.Locate(text, [new NamedPair("lithium", "toxicity"), new NamedPair("aspirin", "rash"), new NamedPair("halo", "toxicity")]);
        var pair = Assert.Single(pairs);
        Assert.Equal((0, 7, 8, 16), pair.Key); // the occurrence of "lithium" closest to the event
        Assert.Equal(2, notFound);
    }
}
