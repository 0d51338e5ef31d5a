using Distill.Teachers.Llm;

namespace Distill.Tests.Teachers.Llm;

public class MentionParserTests
{
    [Theory]
    [InlineData("[\"gout\", \"asthma\"]")]
    [InlineData("```json\n[\"gout\", \"asthma\"]\n```")]
    [InlineData("Here are the diseases:\n[\"gout\", \"asthma\"]\nLet me know if you need more.")]
    [InlineData("{\"mentions\": [\"gout\", \"asthma\"]}")]
    [InlineData("{\"diseases\": [\"gout\", \"asthma\"]}")]
    [InlineData("[{\"text\": \"gout\"}, {\"mention\": \"asthma\"}]")]
    [InlineData("[\"gout\", \"Gout\", \"asthma\", \" gout \", \"\"]")]
    [InlineData("[\"gout\", \"asthma\",]")]
    [InlineData("Answer (see [1]): [\"gout\", \"asthma\"]")]
    public void Reads_the_mention_list_however_it_is_wrapped(string answer)
    {
        var parsed = MentionParser.Parse(answer);
        Assert.True(parsed.Succeeded, parsed.Error);
        Assert.Equal(["gout", "asthma"], parsed.Mentions);
    }

    [Fact]
    public void An_empty_list_is_a_valid_answer()
    {
        var parsed = MentionParser.Parse("```\n[]\n```");
        Assert.True(parsed.Succeeded);
        Assert.Empty(parsed.Mentions);
    }

    [Theory]
    [InlineData("", "empty answer")]
    [InlineData("There are no diseases mentioned.", "no JSON list")]
    [InlineData("[\"gout\", \"asth", "invalid JSON")]
    [InlineData("{\"a\": [\"x\"], \"b\": [\"y\"]}", "2 list properties")]
    [InlineData("[1, 2]", "list item is Number")]
    public void Unreadable_answers_are_errors_with_a_reason(string answer, string reason)
    {
        var parsed = MentionParser.Parse(answer);
        Assert.False(parsed.Succeeded);
        Assert.Contains(reason, parsed.Error);
    }
}
