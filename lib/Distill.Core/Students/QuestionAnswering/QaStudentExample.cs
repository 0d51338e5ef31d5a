using Distill.Teachers.QuestionAnswering;

namespace Distill.Students.QuestionAnswering;

/// <summary>
/// One training or test example of the QA student: a question, a window of a note, the answer class, and for numeric
/// answers the value's character span in the window.
/// </summary>
/// <param name="NoteId">The note the window comes from.</param>
/// <param name="Question">The question.</param>
/// <param name="Context">The window of the note.</param>
/// <param name="Kind">The answer class.</param>
/// <param name="Value">The numeric answer (null otherwise).</param>
/// <param name="ValueStart">Start of the value in <paramref name="Context"/> (-1 when none).</param>
/// <param name="ValueEnd">End of the value in <paramref name="Context"/>, exclusive (-1 when none).</param>
public sealed record QaStudentExample(string NoteId, string Question, string Context, AnswerKind Kind, double? Value, int ValueStart, int ValueEnd);
