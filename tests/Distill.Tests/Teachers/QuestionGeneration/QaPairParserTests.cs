using Distill.Teachers.QuestionGeneration;

namespace Distill.Tests.Teachers.QuestionGeneration;

public class QaPairParserTests
{
    const string Pair = """{"question": "Does the patient have gout?", "type": "yes_no", "answer": "Yes", "section": "Past Medical History", "source": "gout", "difficulty": 2, "explanation": "stated"}""";

    [Fact]
    public void Reads_a_fenced_list_with_prose_around_it()
    {
        var parsed = QaPairParser.Parse($"Here are the pairs:\n```json\n[{Pair}, {Pair}]\n```\nHope this helps.");
        Assert.True(parsed.Succeeded, parsed.Error);
        Assert.Equal(2, parsed.Candidates.Count);
        var first = parsed.Candidates[0]!;
        Assert.Equal("Does the patient have gout?", first.Question);
        Assert.Equal("2", first.Difficulty); // a number where text was asked for is kept as its text
    }

    [Fact]
    public void Reads_a_wrapping_object_and_json_lines()
    {
        Assert.Single(QaPairParser.Parse($$"""{"questions": [{{Pair}}]}""").Candidates);
        Assert.Equal(2, QaPairParser.Parse($"{Pair}\n{Pair}\n").Candidates.Count);
    }

    [Fact]
    public void Non_objects_become_null_candidates_and_garbage_is_an_error()
    {
        var parsed = QaPairParser.Parse($"[{Pair}, 3, \"x\"]");
        Assert.Equal(3, parsed.Candidates.Count);
        Assert.Equal(2, parsed.Candidates.Count(c => c is null));
        Assert.False(QaPairParser.Parse("I cannot help with that.").Succeeded);
        Assert.False(QaPairParser.Parse("").Succeeded);
        Assert.False(QaPairParser.Parse("""{"a": 1}""").Succeeded);
    }

    [Theory]
    [InlineData("8.1%", 8.1)]
    [InlineData("about 1,250 pg/mL", 1250)]
    [InlineData("-3", -3)]
    public void FirstNumber_reads_invariant_numbers(string text, double expected) =>
        Assert.Equal(expected, QaPairParser.FirstNumber(text)!.Value, 9);
}
