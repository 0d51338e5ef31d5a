namespace Distill.Teachers.QuestionGeneration;

/// <summary>
/// One validated synthetic question-answer pair about one note (issue 19): a line of <c>pairs.jsonl</c>.
/// </summary>
/// <param name="NoteId">The note it was written from.</param>
/// <param name="Question">The question.</param>
/// <param name="Type">Its type.</param>
/// <param name="Answer">"Yes" or "No" (<see cref="QaPairType.YesNo"/>), the number as written (<see cref="QaPairType.Numeric"/>), or "N/A".</param>
/// <param name="Section">One of <see cref="NoteSections.All"/>.</param>
/// <param name="Source">An exact quote from the note that holds the answer ("" for unanswerable questions without one).</param>
/// <param name="SourceStart">Where <paramref name="Source"/> starts in the note (-1 when there is none).</param>
/// <param name="Difficulty">1 (easy) to 10, as the generator rates it; used to filter training data, never a training target.</param>
/// <param name="Explanation">Why the answer follows from the source.</param>
/// <param name="Generator">The generator's name (an LLM teacher, or <see cref="TemplateQaGenerator.GeneratorName"/>).</param>
/// <param name="GeneratorKind">Whether an LLM or the keyless template generator wrote it.</param>
public sealed record QaPair(
    string NoteId,
    string Question,
    QaPairType Type,
    string Answer,
    string Section,
    string Source,
    int SourceStart,
    int Difficulty,
    string Explanation,
    string Generator,
    QaGeneratorKind GeneratorKind);
