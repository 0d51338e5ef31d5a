using Distill.Teachers.QuestionAnswering;

namespace Distill.Students.QuestionAnswering;

/// <summary>
/// The label set of the QA student's one token-classification head. Rows <see cref="Outside"/> and <see cref="Value"/>
/// tag the note's pieces (the numeric answer's span); the four <c>ANSWER-*</c> rows are read at [CLS] only. The loss and
/// the prediction restrict each position to its own rows, so the head is exactly two heads, answer class over [CLS] and
/// value span over the note, that share one Linear; and the student stays a Hugging Face
/// <c>BertForTokenClassification</c> that <see cref="StudentModel"/> saves and loads as it is.
/// </summary>
public static class QaStudentLabels
{
    public const string Outside = "O";
    public const string Value = "VALUE";

    /// <summary>All labels in head order: O, VALUE, then the answer classes in <see cref="AnswerKind"/> order.</summary>
    public static IReadOnlyList<string> All { get; } = [Outside, Value, "ANSWER-YES", "ANSWER-NO", "ANSWER-NOT-ANSWERABLE", "ANSWER-NUMERIC"];

    /// <summary>The first answer-class row; class k of <see cref="AnswerKind"/> is row AnswerOffset + k.</summary>
    public const int AnswerOffset = 2;

    public const int AnswerClasses = 4;
}
