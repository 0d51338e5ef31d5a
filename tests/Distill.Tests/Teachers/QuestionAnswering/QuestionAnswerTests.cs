using Distill.Teachers.QuestionAnswering;

namespace Distill.Tests.Teachers.QuestionAnswering;

public class QuestionAnswerTests
{
    [Theory]
    [InlineData("""{"answer": "Yes"}""", AnswerKind.Yes, null)]
    [InlineData("No, he denies it.", AnswerKind.No, null)]
    [InlineData("""```json\n{"answer": "1.6"}\n```""", AnswerKind.Numeric, 1.6)]
    [InlineData("HbA1c was 7.2%", AnswerKind.Numeric, 7.2)]
    [InlineData("N/A", AnswerKind.NotAnswerable, null)]
    [InlineData("Not stated in the notes", AnswerKind.NotAnswerable, null)]
    [InlineData("none", AnswerKind.NotAnswerable, null)]
    [InlineData("", AnswerKind.NotAnswerable, null)]
    public void Parse_reads_model_answers(string raw, AnswerKind kind, double? value)
    {
        var answer = QuestionAnswer.Parse(raw.Replace("\\n", "\n"));
        Assert.Equal(kind, answer.Kind);
        Assert.Equal(value, answer.Value);
    }
}
