using System.Text.Json.Serialization;

namespace Distill.Teachers.QuestionAnswering;

/// <summary>What an answer to a question about a note says (the student's classes, and how any model's answer is read).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AnswerKind>))]
public enum AnswerKind
{
    [JsonStringEnumMemberName("yes")] Yes,
    [JsonStringEnumMemberName("no")] No,
    /// <summary>The note (or the window read) does not answer it.</summary>
    [JsonStringEnumMemberName("not-answerable")] NotAnswerable,
    /// <summary>A number (see <see cref="QuestionAnswer.Value"/>).</summary>
    [JsonStringEnumMemberName("numeric")] Numeric,
}
