using Distill.Teachers.Llm;

namespace Distill.Tests.Teachers.Llm;

public class MentionLocatorTests
{
    [Fact]
    public void Finds_every_case_insensitive_whole_word_occurrence_longest_first()
    {
        var text = "Breast cancer; cancer of the breast; cancerous; Spain pain.";
        var (spans, notFound) = MentionLocator.Locate(text, ["cancer", "breast cancer", "pain", "lupus"], "disease", offset: 100);
        Assert.Equal(["Breast cancer", "cancer", "pain"], spans.Select(s => s.Text));
        Assert.Equal([100, 115, 154], spans.Select(s => s.Start));
        Assert.Equal(1, notFound);
    }

    [Fact]
    public void Mentions_ending_in_punctuation_still_match()
    {
        var (spans, notFound) = MentionLocator.Locate("Given Na+ and vitamin B12.", ["Na+", "vitamin B12"], "medication");
        Assert.Equal(["Na+", "vitamin B12"], spans.Select(s => s.Text));
        Assert.Equal(0, notFound);
    }
}
