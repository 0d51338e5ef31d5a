using System.Text.Json.Serialization;

namespace Distill.Teachers.QuestionGeneration;

/// <summary>Why a generated pair was not kept; the study reports the count of each.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QaRejectionReason>))]
public enum QaRejectionReason
{
    /// <summary>An item of the answer's list is not a JSON object.</summary>
    [JsonStringEnumMemberName("not-an-object")] NotAnObject,
    /// <summary>No question, or no answer.</summary>
    [JsonStringEnumMemberName("missing-field")] MissingField,
    /// <summary>The type is not one of yes_no, numeric, na-numeric, na-bool.</summary>
    [JsonStringEnumMemberName("unknown-type")] UnknownType,
    /// <summary>The section is not one of the fixed discharge-note sections.</summary>
    [JsonStringEnumMemberName("unknown-section")] UnknownSection,
    /// <summary>The source is not an exact quote from the note (or is missing for an answerable question).</summary>
    [JsonStringEnumMemberName("source-not-in-note")] SourceNotInNote,
    /// <summary>The answer does not fit the type: not Yes/No, not a number, or not "N/A" for an unanswerable question.</summary>
    [JsonStringEnumMemberName("answer-inconsistent")] AnswerInconsistent,
    /// <summary>A numeric answer whose number does not occur in its source quote.</summary>
    [JsonStringEnumMemberName("value-not-in-source")] ValueNotInSource,
    /// <summary>Difficulty missing or not an integer from 1 to 10.</summary>
    [JsonStringEnumMemberName("bad-difficulty")] BadDifficulty,
    /// <summary>The same question (case, spaces and punctuation aside) was already kept for this note.</summary>
    [JsonStringEnumMemberName("duplicate")] Duplicate,
}
